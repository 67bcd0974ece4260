import LatentCore

/// A layer that draws random numbers while training (dropout's masks, a variational autoencoder's codes).
///
/// Its generator's position is part of a model's state: a checkpoint saves it and a resumed run restores it,
/// so that the run draws exactly what it would have drawn without the interruption.
public protocol RandomLayer: Layer {
    var generator: SeededGenerator { get set }
}
