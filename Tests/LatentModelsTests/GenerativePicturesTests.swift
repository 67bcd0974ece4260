import LatentCore
import LatentModels
import LatentNN
import Testing

@Suite struct GenerativePicturesTests {
    private static func autoencoder(_ architecture: AutoencoderArchitecture, codeSize: Int = 4) throws -> Autoencoder {
        var generator = SeededGenerator(seed: 3)
        return try Autoencoder(try architecture.spec(codeSize: codeSize).build(using: &generator))
    }

    private static func images(count: Int) -> Tensor {
        var generator = SeededGenerator(seed: 5)
        return Tensor(
            shape: [count, 784], scalars: (0..<(count * 784)).map { _ in Float.random(in: 0...1, using: &generator) })
    }

    @Test(arguments: [AutoencoderArchitecture.dense, .burda, .vqvae, .variational])
    func decodingTheCodesGivesTheReconstructions(architecture: AutoencoderArchitecture) throws {
        let autoencoder = try Self.autoencoder(architecture, codeSize: 8)
        let images = Self.images(count: 6)
        #expect(try autoencoder.decode(autoencoder.encode(images)).scalars == autoencoder.reconstruct(images).scalars)
    }

    @Test func aUNetCannotDecodeACodeAlone() throws {
        let autoencoder = try Self.autoencoder(.unet)
        #expect(throws: LatentError.self) { try autoencoder.decode(Tensor(shape: [1, 4], scalars: [0, 0, 0, 0])) }
    }

    @Test func interpolationRunsFromOneCodeToTheOtherEvenly() {
        let start = Tensor(shape: [1, 3], scalars: [0, 1, -2])
        let end = Tensor(shape: [1, 3], scalars: [4, 1, 2])
        let path = GenerativePictures.interpolationCodes(from: start, to: end, steps: 5)
        #expect(path.shape == [5, 3])
        #expect(path.rows(0..<1).scalars == start.scalars)
        #expect(path.rows(4..<5).scalars == end.scalars)
        #expect(path.rows(2..<3).scalars == [2, 1, 0])
    }

    @Test func aTraversalMovesOneUnitOnly() {
        let code = Tensor(shape: [1, 3], scalars: [0.5, -1, 2])
        let rows = GenerativePictures.traversalCodes(of: code, unit: 1, values: [-3, 0, 3])
        #expect(rows.scalars == [0.5, -3, 2, 0.5, 0, 2, 0.5, 3, 2])
    }

    @Test func priorSamplesAndThePlaneAreDrawnFromTheDecoder() throws {
        let autoencoder = try Self.autoencoder(.burda, codeSize: 2)
        let shape = (channels: 1, height: 28, width: 28)
        let samples = try GenerativePictures.priorSamples(
            of: autoencoder, shape: shape, codeSize: 2, rows: 2, columns: 3)
        let plane = try GenerativePictures.decodedPlane(of: autoencoder, shape: shape, side: 4)
        // Tiles are 84 pixels wide at the default scale, 28 at the plane's scale of 1, plus titles and margins.
        #expect(samples.width > 3 * 84 && samples.height > 2 * 84)
        #expect(plane.width > 4 * 28 && plane.height > 4 * 28)
        #expect(plane.width < 4 * 84)
    }
}
