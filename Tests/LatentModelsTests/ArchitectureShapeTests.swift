import LatentCore
import LatentModels
import LatentNN
import Testing

/// The named architectures sized from (C, H, W): shapes that round-trip, shapes refused by name, 28x28 grey unchanged.
@Suite struct ArchitectureShapeTests {
    /// (C, H, W) shapes a square import or an IDX file can give: powers of two, odd sides, tiny and non-square ones.
    static let shapes = [
        (1, 28, 28), (3, 28, 28), (3, 32, 32), (3, 64, 64), (1, 30, 30), (3, 17, 17), (1, 31, 31),
        (3, 5, 5), (1, 1, 1), (3, 28, 20), (1, 15, 27),
    ]

    @Test(arguments: shapes)
    func theConvolutionalAutoencoderGivesBackEveryShape(_ shape: (Int, Int, Int)) throws {
        let (c, h, w) = shape
        let spec = try AutoencoderArchitecture.conv.spec(codeSize: 6, channels: c, height: h, width: w)
        #expect(try spec.outputShape(for: [c * h * w]) == [c * h * w])
        // Not just the count: the decoder's last convolution itself gives back (C, H, W) before the flatten.
        guard let parts = (spec.base as? Sequential.NamedDescription)?.layers,
            let decoder = (parts[1].layer.base as? Sequential.Description)?.layers
        else {
            Issue.record("the conv autoencoder is not named encoder and decoder: \(spec)")
            return
        }
        let code = try parts[0].layer.outputShape(for: [c * h * w])
        #expect(try LayerSpec.sequential(layers: Array(decoder.dropLast())).outputShape(for: code) == [c, h, w])
        // And the built model runs: two images in, two reconstructions of C * H * W values out.
        var generator = SeededGenerator(seed: 1)
        let model = try spec.build(using: &generator)
        #expect(model(Tensor(zeros: [2, c * h * w])).shape == [2, c * h * w])
    }

    @Test func theBatchNormalisedDeepAutoencoderNormalisesOnlyHiddenLayers() throws {
        let plain = try AutoencoderArchitecture.deep.spec(codeSize: 30)
        let normalised = try AutoencoderArchitecture.deep.spec(codeSize: 30, batchNorm: true)
        guard let parts = (normalised.base as? Sequential.NamedDescription)?.layers,
            let encoder = (parts[0].layer.base as? Sequential.Description)?.layers,
            let decoder = (parts[1].layer.base as? Sequential.Description)?.layers
        else {
            Issue.record("the deep autoencoder is not named encoder and decoder: \(normalised)")
            return
        }
        // 1000, 500 and 250 units on the way down, 250, 500 and 1000 on the way up; the code and the output stay as they were.
        #expect(encoder.compactMap { ($0.base as? BatchNorm.Description)?.features } == [1000, 500, 250])
        #expect(decoder.compactMap { ($0.base as? BatchNorm.Description)?.features } == [250, 500, 1000])
        #expect(encoder.last == .linear(inputs: 250, outputs: 30) && decoder.last == .sigmoid)
        #expect(try normalised.outputShape(for: [784]) == [784] && plain.outputShape(for: [784]) == [784])
        guard let plainParts = (plain.base as? Sequential.NamedDescription)?.layers,
            let plainEncoder = (plainParts[0].layer.base as? Sequential.Description)?.layers
        else { return }
        #expect(plainEncoder.count == 7 && encoder.count == 10)
        #expect(throws: LatentError.self) { try AutoencoderArchitecture.conv.spec(codeSize: 8, batchNorm: true) }
    }

    @Test(arguments: shapes.filter { $0.1 >= 4 && $0.2 >= 4 })
    func theCNNFlattensWhatItsConvolutionsGive(_ shape: (Int, Int, Int)) throws {
        let (c, h, w) = shape
        let spec = try ClassifierArchitecture.cnn.spec(channels: c, height: h, width: w, classes: 4)
        #expect(try spec.outputShape(for: [c * h * w]) == [4])
        var generator = SeededGenerator(seed: 2)
        let model = try spec.build(using: &generator)
        let features = try #require(model.layer(at: "features"))
        // 64 maps of (H / 2) / 2 x (W / 2) / 2, rounded down at each pooling.
        #expect(try features.spec.outputShape(for: [c * h * w]) == [64 * (h / 2 / 2) * (w / 2 / 2)])
        #expect(model(Tensor(zeros: [3, c * h * w])).shape == [3, 4])
    }

    @Test(arguments: AutoencoderArchitecture.allCases)
    func denseLayersAreAsWideAsAColourImage(_ architecture: AutoencoderArchitecture) throws {
        let spec = try architecture.spec(codeSize: 5, channels: 3, height: 12, width: 8)
        #expect(try spec.outputShape(for: [288]) == [288])
        #expect(throws: LatentError.self) { try spec.outputShape(for: [96]) }  // a grey 12x8 image is not enough
    }

    /// The parameter count that decides `ModelSize` is the count the built model has.
    @Test func parametersAreCountedFromTheDescriptionExactly() throws {
        var generator = SeededGenerator(seed: 3)
        var specs = try AutoencoderArchitecture.allCases.map {
            try $0.spec(codeSize: 7, channels: 3, height: 16, width: 16)
        }
        specs += try ClassifierArchitecture.allCases.map { try $0.spec(channels: 3, height: 16, width: 16, classes: 4) }
        for spec in specs {
            #expect(spec.parameterCount == (try spec.build(using: &generator)).parameterCount.total, "\(spec.summary)")
        }
    }

    @Test func shapesAnArchitectureCannotTakeAreRefusedByName() throws {
        func message(_ build: () throws -> LayerSpec) -> String {
            do {
                _ = try build()
                return "built"
            } catch {
                return "\(error)"
            }
        }
        // 28 -> 14 -> 7 but 14 -> 7 -> 4: one output padding cannot restore both.
        let conv = message { try AutoencoderArchitecture.conv.spec(codeSize: 8, channels: 1, height: 28, width: 14) }
        #expect(
            conv.contains("conv autoencoder") && conv.contains("1x28x14") && conv.contains("28 -> 14 -> 7"), "\(conv)")
        let cnn = message { try ClassifierArchitecture.cnn.spec(channels: 3, height: 3, width: 3, classes: 4) }
        #expect(cnn.contains("cnn classifier") && cnn.contains("3x3x3") && cnn.contains("at least 4x4"), "\(cnn)")
        // 3 x 256 x 256 into 512 units and back out: 201 million weights.
        let dense = message {
            try AutoencoderArchitecture.dense.spec(codeSize: 32, channels: 3, height: 256, width: 256)
        }
        #expect(
            dense.contains("dense autoencoder") && dense.contains("3x256x256") && dense.contains("201 million"),
            "\(dense)")
        let empty = message { try ClassifierArchitecture.mlp.spec(channels: 0, height: 28, width: 28, classes: 10) }
        #expect(empty.contains("mlp classifier") && empty.contains("0x28x28"), "\(empty)")
        // The largest dense autoencoder under the ceiling still builds its description.
        #expect(
            message { try AutoencoderArchitecture.dense.spec(codeSize: 32, channels: 3, height: 128, width: 128) }
                == "built")
    }

    /// The protocols' 28x28 grey models are the ones they were before channels, layer for layer (written out here
    /// as they were), so the P3-P5 figures stay comparable.
    @Test func theDefaultsAreTheFashionMNISTModels() throws {
        let conv = LayerSpec.named(layers: [
            NamedLayerSpec(
                "encoder",
                .sequential(layers: [
                    .reshape(shape: [1, 28, 28]),
                    .conv2d(inChannels: 1, outChannels: 16, kernel: 3, stride: 2, padding: 1), .relu,
                    .conv2d(inChannels: 16, outChannels: 32, kernel: 3, stride: 2, padding: 1), .relu,
                    .flatten, .linear(inputs: 32 * 7 * 7, outputs: 32),
                ])),
            NamedLayerSpec(
                "decoder",
                .sequential(layers: [
                    .linear(inputs: 32, outputs: 32 * 7 * 7), .relu, .reshape(shape: [32, 7, 7]),
                    .convTranspose2d(
                        inChannels: 32, outChannels: 16, kernel: 3, stride: 2, padding: 1, outputPadding: 1), .relu,
                    .convTranspose2d(
                        inChannels: 16, outChannels: 1, kernel: 3, stride: 2, padding: 1, outputPadding: 1), .sigmoid,
                    .flatten,
                ])),
        ])
        #expect(try AutoencoderArchitecture.conv.spec(codeSize: 32) == conv)
        let cnn = LayerSpec.named(layers: [
            NamedLayerSpec(
                "features",
                .sequential(layers: [
                    .reshape(shape: [1, 28, 28]),
                    .conv2d(inChannels: 1, outChannels: 32, kernel: 3, padding: 1), .relu,
                    .maxPool2d(kernel: 2, stride: 2),
                    .conv2d(inChannels: 32, outChannels: 64, kernel: 3, padding: 1), .relu,
                    .maxPool2d(kernel: 2, stride: 2),
                    .flatten,
                ])),
            NamedLayerSpec("hidden", .sequential(layers: [.linear(inputs: 64 * 7 * 7, outputs: 128), .relu])),
            NamedLayerSpec("head", .linear(inputs: 128, outputs: 10)),
        ])
        #expect(try ClassifierArchitecture.cnn.spec(classes: 10) == cnn)
        // 784-512-128-32 and back: the P3 model's 944,176 parameters.
        #expect(try AutoencoderArchitecture.dense.spec(codeSize: 32).parameterCount == 944_176)
    }
}
