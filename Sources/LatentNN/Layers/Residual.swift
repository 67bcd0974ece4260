import LatentCore

/// `body(x) + shortcut(x)`: a residual connection, as in a ResNet's blocks. The shortcut is the identity, or a
/// projection (a strided 1x1 convolution and batch normalisation) where the body changes the shape.
public final class Residual: Layer {
    public let body: any Layer
    public let shortcut: any Layer

    public init(body: any Layer, shortcut: any Layer = Identity()) {
        self.body = body
        self.shortcut = shortcut
    }

    public var spec: LayerSpec { .residual(body: body.spec, shortcut: shortcut.spec) }
    public var children: [NamedLayer] { [("body", body), ("shortcut", shortcut)] }

    public func callAsFunction(_ input: Tensor) -> Tensor { body(input) + shortcut(input) }

    public struct Description: LayerDescription {
        public static let kind = "residual"
        public var body: LayerSpec
        public var shortcut: LayerSpec

        public var summary: String { shortcut == .identity ? "Residual" : "Residual(projected)" }
        public var children: [NamedLayerSpec] { [NamedLayerSpec("body", body), NamedLayerSpec("shortcut", shortcut)] }

        public func outputShape(for input: [Int]) throws -> [Int] {
            let (bodyShape, shortcutShape) = (try body.outputShape(for: input), try shortcut.outputShape(for: input))
            guard bodyShape == shortcutShape else {
                throw LatentError(
                    "\(summary): the body gives \(bodyShape) per sample and the shortcut \(shortcutShape); "
                        + "they must match to be added")
            }
            return bodyShape
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
            Residual(body: try body.build(using: &generator), shortcut: try shortcut.build(using: &generator))
        }
    }
}

extension LayerSpec {
    /// `body(x) + shortcut(x)`; the shortcut is the identity unless given.
    public static func residual(body: LayerSpec, shortcut: LayerSpec = .identity) -> LayerSpec {
        LayerSpec(Residual.Description(body: body, shortcut: shortcut))
    }
}
