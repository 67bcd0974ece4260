import LatentCore

/// Every branch applied to the same input, their outputs joined along the channel (or feature) axis, as a U-Net
/// joins an encoder's features to its decoder's. x: (N, C, H, W) -> (N, C1 + C2 + ..., H', W').
public final class Concatenate: Layer {
    public let children: [NamedLayer]

    public init(_ branches: [any Layer]) {
        children = branches.enumerated().map { (name: String($0.offset), layer: $0.element) }
    }

    public var spec: LayerSpec { .concatenate(children.map(\.layer.spec)) }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Graph.Join.concatenate.apply(children.map { $0.layer(input) })
    }

    public struct Description: LayerDescription {
        public static let kind = "concatenate"
        public var branches: [LayerSpec]

        public var summary: String { "Concatenate(\(branches.count) branches)" }
        public var children: [NamedLayerSpec] {
            branches.enumerated().map { NamedLayerSpec(String($0.offset), $0.element) }
        }
        public func validate() throws { try requirePositive([branches.count], "the number of branches") }

        public func outputShape(for input: [Int]) throws -> [Int] {
            let shapes = try children.map { try $0.layer.outputShape(for: input, naming: "branch \($0.name)") }
            guard let joined = Graph.Join.concatenate.shape(of: shapes) else {
                throw LatentError(
                    "\(summary): the branches give \(shapes.map(\.description).joined(separator: ", ")) "
                        + "per sample; all but the first axis must match")
            }
            return joined
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
            Concatenate(try branches.map { try $0.build(using: &generator) })
        }
    }
}

extension LayerSpec {
    /// `branches` applied to the same input, joined along the channel (or feature) axis.
    public static func concatenate(_ branches: [LayerSpec]) -> LayerSpec {
        LayerSpec(Concatenate.Description(branches: branches))
    }
}
