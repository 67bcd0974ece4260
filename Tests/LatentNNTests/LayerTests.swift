import Foundation
import LatentCore
import LatentNN
import LatentTestSupport
import Testing

/// A layer description and a sample shape (no batch axis) to run it on.
struct LayerCase: Sendable, CustomTestStringConvertible {
    let spec: LayerSpec
    let sample: [Int]
    var testDescription: String { spec.summary }
}

let layerCases: [LayerCase] = [
    LayerCase(spec: .linear(inputs: 6, outputs: 4), sample: [6]),
    LayerCase(spec: .linear(inputs: 6, outputs: 3, bias: false), sample: [6]),
    LayerCase(spec: .conv2d(inChannels: 2, outChannels: 3, kernel: 3, stride: 2, padding: 1), sample: [2, 6, 6]),
    LayerCase(
        spec: .convTranspose2d(inChannels: 3, outChannels: 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1),
        sample: [3, 3, 3]),
    LayerCase(spec: .maxPool2d(kernel: 2, stride: 2), sample: [2, 4, 4]),
    LayerCase(spec: .maxPool2d(kernel: 3, stride: 2, padding: 1), sample: [2, 5, 6]),
    LayerCase(
        spec: .conv2d(inChannels: 3, outChannels: 2, kernel: 7, stride: 2, padding: 3, bias: false), sample: [3, 9, 9]),
    LayerCase(spec: .channelNormalization(channels: 3), sample: [3, 2, 2]),
    LayerCase(spec: .upsample(scale: 2), sample: [2, 2, 3]),
    LayerCase(spec: .flatten, sample: [2, 3, 2]),
    LayerCase(spec: .reshape(shape: [2, 3, 2]), sample: [12]),
    LayerCase(spec: .relu, sample: [7]),
    LayerCase(spec: .leakyRelu(slope: 0.2), sample: [7]),
    LayerCase(spec: .sigmoid, sample: [7]),
    LayerCase(spec: .tanh, sample: [7]),
    LayerCase(spec: .batchNorm(features: 3), sample: [3]),
    LayerCase(spec: .batchNorm(features: 2), sample: [2, 3, 3]),
    LayerCase(
        spec: .sequential(layers: [.linear(inputs: 4, outputs: 5), .tanh, .linear(inputs: 5, outputs: 2)]), sample: [4]),
    LayerCase(spec: .identity, sample: [2, 3]),
    LayerCase(spec: .globalAveragePool2d, sample: [3, 4, 5]),
    LayerCase(
        spec: .residual(
            body: .sequential(layers: [
                .conv2d(inChannels: 2, outChannels: 2, kernel: 3, padding: 1),
                .batchNorm(features: 2), .tanh,
            ])), sample: [2, 4, 4]),
    LayerCase(
        spec: .residual(
            body: .conv2d(inChannels: 2, outChannels: 3, kernel: 3, stride: 2, padding: 1),
            shortcut: .conv2d(inChannels: 2, outChannels: 3, kernel: 1, stride: 2)), sample: [2, 5, 5]),
    LayerCase(
        spec: .concatenate([.identity, .conv2d(inChannels: 2, outChannels: 3, kernel: 3, padding: 1)]),
        sample: [2, 4, 3]),
    LayerCase(spec: .concatenate([.linear(inputs: 3, outputs: 2), .tanh]), sample: [3]),
    LayerCase(
        spec: .graph(
            inputs: ["x"],
            nodes: [
                Graph.Node("a", .linear(inputs: 3, outputs: 3), inputs: ["x"]),
                Graph.Node("b", .tanh, inputs: ["a", "x"], join: .add),
            ], outputs: ["b"]), sample: [3]),
    LayerCase(
        spec: .adversarial(
            encoder: .linear(inputs: 4, outputs: 2), decoder: .linear(inputs: 2, outputs: 4),
            discriminator: .sequential(layers: [.linear(inputs: 2, outputs: 3), .tanh, .linear(inputs: 3, outputs: 1)])),
        sample: [4]),
]

@Suite struct LayerTests {
    @Test(arguments: layerCases)
    func outputShapeMatchesTheSpec(_ layerCase: LayerCase) throws {
        var generator = SeededGenerator(seed: 1)
        let layer = try layerCase.spec.build(using: &generator)
        let output = layer(spreadTensor([3] + layerCase.sample, seed: 2))
        #expect(output.shape == [3] + (try layerCase.spec.outputShape(for: layerCase.sample)))
        #expect(layer.spec == layerCase.spec)
    }

    @Test(arguments: layerCases)
    func gradientsMatchFiniteDifferences(_ layerCase: LayerCase) throws {
        var generator = SeededGenerator(seed: 1)
        let layer = try layerCase.spec.build(using: &generator)
        let input = spreadTensor([3] + layerCase.sample, gap: 0.07, seed: 2)
        let result = checkGradients([input] + layer.namedParameters.map(\.tensor)) { layer($0[0]) }
        #expect(result.worstError < 5e-3, "\(layerCase.spec.summary): \(result)")
    }

    @Test func dottedPathsAreStable() throws {
        var generator = SeededGenerator(seed: 1)
        let spec = LayerSpec.named(layers: [
            NamedLayerSpec(
                "encoder", .sequential(layers: [.linear(inputs: 4, outputs: 3), .relu, .batchNorm(features: 3)])),
            NamedLayerSpec("head", .linear(inputs: 3, outputs: 2)),
        ])
        let model = try spec.build(using: &generator)
        #expect(
            model.namedParameters.map(\.name) == [
                "encoder.0.weight", "encoder.0.bias", "encoder.2.weight", "encoder.2.bias",
                "head.weight", "head.bias",
            ])
        #expect(model.namedBuffers.map(\.name) == ["encoder.2.running_mean", "encoder.2.running_var"])
        #expect(model.layerPaths == ["encoder", "encoder.0", "encoder.1", "encoder.2", "head"])
        #expect(model.layer(at: "encoder.0")?.spec == .linear(inputs: 4, outputs: 3))
        #expect(model.spec == spec)
    }

    /// Every tensor or layer a layer stores must be listed, or checkpoints and optimizers miss it.
    @Test(arguments: layerCases)
    func everyStoredTensorIsListed(_ layerCase: LayerCase) throws {
        var generator = SeededGenerator(seed: 1)
        let layer = try layerCase.spec.build(using: &generator)
        var stored: [ObjectIdentifier] = []
        for child in Mirror(reflecting: layer).children {
            if let tensor = child.value as? Tensor { stored.append(ObjectIdentifier(tensor)) }
            if let tensor = child.value as? Tensor?, let tensor { stored.append(ObjectIdentifier(tensor)) }
            if let layers = child.value as? [NamedLayer] { stored += layers.map { ObjectIdentifier($0.layer) } }
            if let layer = child.value as? any Layer { stored.append(ObjectIdentifier(layer)) }
        }
        let listed =
            (layer.parameters + layer.buffers).map { ObjectIdentifier($0.tensor) }
            + layer.children.map { ObjectIdentifier($0.layer) }
        #expect(Set(stored) == Set(listed))
    }

    /// What a description says the layer holds (checked before a checkpoint is built) must be what building gives.
    @Test(arguments: layerCases)
    func theDescriptionListsTheBuiltTensors(_ layerCase: LayerCase) throws {
        var generator = SeededGenerator(seed: 1)
        let layer = try layerCase.spec.build(using: &generator)
        let described = layerCase.spec.tensorShapes
        #expect(described.filter(\.isParameter).map(\.name) == layer.namedParameters.map(\.name))
        #expect(described.filter { !$0.isParameter }.map(\.name) == layer.namedBuffers.map(\.name))
        #expect(described.map(\.shape) == layer.stateTensors.map(\.tensor.shape))
        #expect(layerCase.spec.parameterCount == layer.parameterCount.total)
    }

    @Test(arguments: layerCases)
    func everyKindRoundTripsThroughJSON(_ layerCase: LayerCase) throws {
        let json = try JSONEncoder().encode(layerCase.spec)
        #expect(try JSONDecoder().decode(LayerSpec.self, from: json) == layerCase.spec)
        #expect(String(decoding: json, as: UTF8.self).hasPrefix("{\"\(layerCase.spec.kind)\":"))
    }

    /// Checkpoints written before descriptions moved into the layers' files store this JSON; it must still load.
    @Test func theStoredFormatIsUnchanged() throws {
        let json =
            #"{"named":{"layers":[{"name":"hidden","layer":{"sequential":{"layers":[{"linear":{"inputs":4,"#
            + #""outputs":2,"bias":false}},{"relu":{}},{"batchNorm":{"features":2}}]}}},{"name":"head","layer":"#
            + #"{"conv2d":{"inChannels":1,"outChannels":2,"kernel":3,"stride":1,"padding":0}}}]}}"#
        let spec = try JSONDecoder().decode(LayerSpec.self, from: Data(json.utf8))
        #expect(
            spec
                == .named(layers: [
                    NamedLayerSpec(
                        "hidden",
                        .sequential(layers: [
                            .linear(inputs: 4, outputs: 2, bias: false), .relu,
                            .batchNorm(features: 2),
                        ])),
                    NamedLayerSpec("head", .conv2d(inChannels: 1, outChannels: 2, kernel: 3)),
                ]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let sorted = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect(try encoder.encode(spec) == JSONSerialization.data(withJSONObject: sorted, options: .sortedKeys))
    }

    @Test func anUnregisteredKindIsRefusedByName() {
        let json = #"{"sequential":{"layers":[{"myLayer":{"size":3}}]}}"#
        do {
            _ = try JSONDecoder().decode(LayerSpec.self, from: Data(json.utf8))
            Issue.record("an unregistered kind decoded")
        } catch {
            #expect("\(error)".contains("no layer of kind \"myLayer\" is registered"))
        }
    }

    @Test func aKindTakenByAnotherTypeIsRefused() {
        #expect(throws: LatentError.self) { try LayerRegistry.register(TakenKind.self) }
        #expect(throws: Never.self) { try LayerRegistry.register(ActivationDescription<ReLU>.self) }
    }

    @Test func aResidualBlockAddsItsShortcut() throws {
        var generator = SeededGenerator(seed: 2)
        let block = try LayerSpec.residual(body: .linear(inputs: 3, outputs: 3)).build(using: &generator)
        let x = randomTensor([2, 3], seed: 4)
        let body = block.children[0].layer(x)
        #expect(block(x).scalars == zip(body.scalars, x.scalars).map { $0 + $1 })
        #expect(throws: LatentError.self) {
            try LayerSpec.residual(body: .linear(inputs: 3, outputs: 2)).outputShape(for: [3])
        }
    }

    @Test func concatenationJoinsChannels() throws {
        var generator = SeededGenerator(seed: 2)
        let join = try LayerSpec.concatenate([.identity, .identity]).build(using: &generator)
        let x = Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4])
        #expect(join(x).shape == [1, 4, 1, 2])
        #expect(join(x).scalars == [1, 2, 3, 4, 1, 2, 3, 4])
        #expect(throws: LatentError.self) {
            try LayerSpec.concatenate([.identity, .maxPool2d(kernel: 2, stride: 2)]).outputShape(for: [1, 4, 4])
        }
    }

    @Test func specRoundTripsThroughJSON() throws {
        let spec = LayerSpec.named(layers: [
            NamedLayerSpec(
                "encoder",
                .sequential(layers: [
                    .conv2d(inChannels: 1, outChannels: 16, kernel: 3, stride: 2, padding: 1),
                    .leakyRelu(slope: 0.1), .flatten, .dropout(rate: 0.2),
                ])),
            NamedLayerSpec(
                "decoder", .sequential(layers: [.reshape(shape: [16, 14, 14]), .upsample(scale: 2), .sigmoid])),
        ])
        let decoded = try JSONDecoder().decode(LayerSpec.self, from: JSONEncoder().encode(spec))
        #expect(decoded == spec)
    }

    /// Files written before convolutions could go without a bias and pooling could pad have neither key; they
    /// decode as before, and such layers are written as before, byte for byte.
    @Test func olderDescriptionsWithoutBiasOrPaddingKeysDecodeAsBefore() throws {
        let older =
            #"{"named":{"layers":[{"layer":{"conv2d":{"inChannels":1,"kernel":3,"outChannels":2,"#
            + #""padding":1,"stride":1}},"name":"c"},{"layer":{"maxPool2d":{"kernel":2,"stride":2}},"name":"p"}]}}"#
        let spec = try LayerSpec.decoded(fromJSON: older)
        #expect(
            spec
                == .named(layers: [
                    NamedLayerSpec("c", .conv2d(inChannels: 1, outChannels: 2, kernel: 3, padding: 1)),
                    NamedLayerSpec("p", .maxPool2d(kernel: 2, stride: 2)),
                ]))
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        #expect(String(decoding: try sorted.encode(spec), as: UTF8.self) == older)
        let stem = LayerSpec.conv2d(inChannels: 3, outChannels: 8, kernel: 7, stride: 2, padding: 3, bias: false)
        #expect(try LayerSpec.decoded(fromJSON: String(decoding: try sorted.encode(stem), as: UTF8.self)) == stem)
    }

    @Test func aConvolutionWithoutBiasHoldsOnlyItsWeight() throws {
        var generator = SeededGenerator(seed: 1)
        let conv = try LayerSpec.conv2d(inChannels: 2, outChannels: 3, kernel: 3, padding: 1, bias: false)
            .build(using: &generator)
        #expect(conv.namedParameters.map(\.name) == ["weight"])
        let x = randomTensor([1, 2, 4, 4], seed: 2)
        let weight = conv.namedParameters[0].tensor
        #expect(conv(x).scalars == Tensor.conv2d(x, weight: weight, bias: nil, padding: 1).scalars)
    }

    @Test func channelNormalizationSubtractsTheMeanAndDividesByTheStd() {
        let normalize = ChannelNormalization(mean: [0.5, 1], std: [0.25, 2])
        let x = Tensor(shape: [1, 2, 1, 2], scalars: [1, 0, 3, 5])
        #expect(normalize(x).scalars == [2, -2, 1, 2])
        #expect(normalize.buffers.map(\.name) == ["mean", "std"] && normalize.namedParameters.isEmpty)
    }

    @Test func inconsistentSizesAreNamed() {
        let decoder = LayerSpec.named(layers: [
            NamedLayerSpec(
                "decoder",
                .sequential(layers: [
                    .linear(inputs: 32, outputs: 1568), .reshape(shape: [32, 7, 7]),
                    .convTranspose2d(inChannels: 16, outChannels: 1, kernel: 3),
                ]))
        ])
        #expect(
            throws: LatentError(
                "decoder: layer 2: ConvTranspose2d(16 -> 1, 3x3, stride 1, pad 0, out pad 0) expects [16, H, W], got a sample of shape [32, 7, 7]"
            )
        ) {
            try decoder.outputShape(for: [32])
        }
        var generator = SeededGenerator(seed: 0)
        #expect(throws: LatentError.self) { try LayerSpec.linear(inputs: 0, outputs: 3).build(using: &generator) }
    }

    @Test func dropoutOnlyWhileTraining() throws {
        var generator = SeededGenerator(seed: 0)
        let model = try LayerSpec.sequential(layers: [.dropout(rate: 0.5)]).build(using: &generator)
        let x = Tensor(repeating: 1, shape: [10, 10])
        #expect(model(x).scalars.contains(0))
        model.setTraining(false)
        #expect(model(x).scalars == x.scalars)
    }

    @Test func batchNormUsesRunningStatisticsInEvaluation() throws {
        let norm = BatchNorm(features: 2)
        let x = Tensor(shape: [4, 2], scalars: [1, 10, 3, 20, 5, 30, 7, 40])
        let trained = norm(x)
        // Training output: each column has mean 0 and (biased) variance 1.
        let column = [trained.scalars[0], trained.scalars[2], trained.scalars[4], trained.scalars[6]]
        #expect(abs(column.reduce(0, +)) < 1e-5)
        #expect(abs(column.map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-3)
        // Running statistics moved 10% towards mean 4 and unbiased variance 20/3.
        #expect(abs(norm.runningMean.scalars[0] - 0.4) < 1e-6)
        #expect(abs(norm.runningVariance.scalars[0] - (0.9 + 0.1 * 20 / 3)) < 1e-5)
        norm.setTraining(false)
        let evaluated = norm(x)
        #expect(abs(evaluated.scalars[0] - (1 - 0.4) / (0.9 + 0.1 * 20 / 3 + 1e-5).squareRoot()) < 1e-5)
    }

    /// A sequence pools before its ReLU; the result and the gradients must be those of the layers one by one.
    @Test func aReLUBeforeMaxPoolingGivesTheSameBitsAsLayerByLayer() throws {
        var generator = SeededGenerator(seed: 3)
        let model = try LayerSpec.sequential(layers: [
            .conv2d(inChannels: 2, outChannels: 3, kernel: 3, padding: 1), .relu,
            .maxPool2d(kernel: 2, stride: 2),
        ]).build(using: &generator)
        let (x, upstream) = (randomTensor([4, 2, 6, 6], seed: 5), randomTensor([4, 3, 3, 3], seed: 6))
        let parameters = model.children[0].layer.parameters.map(\.tensor)
        func outputAndGradients(_ forward: () -> Tensor) -> ([Float], [[Float]]) {
            for parameter in parameters { parameter.grad = nil }
            let y = forward()
            (y * upstream).sum().backward()
            return (y.scalars, parameters.map { $0.grad?.scalars ?? [] })
        }
        let whole = outputAndGradients { model(x) }
        let layerByLayer = outputAndGradients { model.children.reduce(x) { $1.layer($0) } }
        #expect(whole.0 == layerByLayer.0)
        #expect(whole.1 == layerByLayer.1)
        #expect(whole.0.contains(0) && whole.0.contains { $0 > 0 })
    }

    @Test func summaryListsShapesParametersAndFreezing() throws {
        var generator = SeededGenerator(seed: 0)
        let model = try LayerSpec.named(layers: [
            NamedLayerSpec(
                "features",
                .sequential(layers: [
                    .conv2d(inChannels: 1, outChannels: 4, kernel: 3, padding: 1), .relu,
                    .maxPool2d(kernel: 2, stride: 2), .flatten,
                ])),
            NamedLayerSpec("head", .linear(inputs: 4 * 14 * 14, outputs: 10)),
        ]).build(using: &generator)
        model.freeze(prefix: "features")
        let summary = try model.summary(inputShape: [1, 28, 28])
        #expect(
            summary.contains("features.0  Conv2d(1 -> 4, 3x3, stride 1, pad 1)  (N, 4, 28, 28)  40          frozen"))
        #expect(summary.contains("head        Linear(784 -> 10)"))
        #expect(summary.contains("parameters: 7890 total, 7850 trainable, 40 frozen"))
    }
}

/// A description whose kind is Latent's own `relu`.
private struct TakenKind: LayerDescription {
    static let kind = "relu"
    var summary: String { "Taken" }
    func outputShape(for input: [Int]) -> [Int] { input }
    func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer { ReLU() }
}
