import LatentCore
import LatentNN
import Testing

@Suite struct FreezingTests {
    func model() throws -> any Layer {
        var generator = SeededGenerator(seed: 3)
        return try LayerSpec.named(layers: [
            NamedLayerSpec(
                "encoder", .sequential(layers: [.linear(inputs: 6, outputs: 5), .relu, .linear(inputs: 5, outputs: 4)])),
            NamedLayerSpec("encoder2", .linear(inputs: 4, outputs: 4)),
            NamedLayerSpec("head", .linear(inputs: 4, outputs: 2)),
        ]).build(using: &generator)
    }

    @Test func frozenWeightsStayBitIdenticalAndOthersMove() throws {
        let model = try model()
        #expect(model.freeze(prefix: "encoder") == 4)
        let before = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.tensor.scalars) })
        let optimizer = Adam(learningRate: 0.01)
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<5 {
            let x = Tensor.uniform([8, 6], in: -1...1, using: &generator)
            model.zeroGradients()
            Loss.crossEntropy(logits: model(x), labels: [0, 1, 0, 1, 0, 1, 0, 1]).backward()
            optimizer.step(model.trainableParameters)
        }
        for (name, tensor) in model.namedParameters {
            if name.hasPrefix("encoder.") {
                #expect(tensor.scalars == before[name], "\(name) moved")
                #expect(tensor.grad == nil, "\(name) got a gradient")
            } else {
                #expect(tensor.scalars != before[name], "\(name) did not move")
            }
        }
        #expect(model.unfreeze(prefix: "encoder.0") == 2)
        #expect(
            model.trainableParameters.map(\.name) == [
                "encoder.0.weight", "encoder.0.bias", "encoder2.weight", "encoder2.bias",
                "head.weight", "head.bias",
            ])
    }

    @Test func aFrozenBackboneRecordsNoGraph() throws {
        let model = try model()
        model.freeze(prefix: "encoder")
        let encoder = try #require(model.layer(at: "encoder"))
        let features = encoder(Tensor(zeros: [2, 6]))
        #expect(!features.requiresGrad)
    }
}
