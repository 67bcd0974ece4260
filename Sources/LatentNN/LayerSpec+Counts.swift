import LatentCore

extension LayerSpec {
    /// Every tensor the layer and its descendants hold, with dotted names (`encoder.0.weight`), computed from the
    /// description alone: nothing is allocated, so a damaged description can be refused before it is built.
    public var tensorShapes: [TensorShape] {
        base.ownTensors
            + children.flatMap { child in
                child.layer.tensorShapes.map {
                    TensorShape(child.name + "." + $0.name, $0.shape, isParameter: $0.isParameter)
                }
            }
    }

    /// How many scalars the parameters hold, or `nil` when the count overflows.
    public var parameterCount: Int? { Self.total(tensorShapes.filter(\.isParameter)) }

    /// How many scalars the parameters and buffers hold (what a checkpoint stores), or `nil` when it overflows.
    public var storedScalarCount: Int? { Self.total(tensorShapes) }

    private static func total(_ tensors: [TensorShape]) -> Int? {
        var total = 0
        for tensor in tensors {
            var count = 1
            for side in tensor.shape {
                guard side >= 0 else { return nil }
                let (product, overflow) = count.multipliedReportingOverflow(by: side)
                guard !overflow else { return nil }
                count = product
            }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }
}
