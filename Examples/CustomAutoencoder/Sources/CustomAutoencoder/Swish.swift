import LatentCore
import LatentNN

/// `x * sigmoid(beta * x)` with one trained `beta` per feature (Ramachandran et al., 2017). x: (N, F) -> (N, F).
///
/// A layer of this package's own: its class and its description sit together, as Latent's do, and
/// `LayerRegistry.register(Swish.Description.self)` lets checkpoints that hold it load.
final class Swish: Layer {
    let beta: Tensor

    init(features: Int) { beta = Tensor(repeating: 1, shape: [features], requiresGrad: true) }

    var spec: LayerSpec { LayerSpec(Description(features: beta.count)) }
    var parameters: [NamedTensor] { [("beta", beta)] }

    func callAsFunction(_ input: Tensor) -> Tensor { input * (input * beta).sigmoid() }

    struct Description: LayerDescription {
        static let kind = "swish"
        var features: Int

        var summary: String { "Swish(\(features))" }
        var ownTensors: [TensorShape] { [TensorShape("beta", [features])] }
        func validate() throws { try requirePositive([features], "features") }

        func outputShape(for input: [Int]) throws -> [Int] {
            guard input == [features] else { throw mismatch(expected: "[\(features)]", got: input) }
            return input
        }

        func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { Swish(features: features) }
    }
}
