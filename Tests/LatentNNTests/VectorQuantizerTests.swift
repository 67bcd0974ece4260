import LatentCore
import LatentNN
import LatentTestSupport
import Testing

@Suite struct VectorQuantizerTests {
    /// 6 codes of 2 groups of 3 values against a codebook of 5 entries.
    func quantizer() -> VectorQuantizer {
        var generator = SeededGenerator(seed: 3)
        let quantizer = VectorQuantizer(codes: 5, size: 3, using: &generator)
        // Entries spread over [-1, 1] so that codes drawn there pick several of them.
        quantizer.codebook.copyValues(from: randomTensor([5, 3], seed: 11))
        return quantizer
    }

    @Test func eachGroupBecomesItsNearestEntry() {
        let quantizer = quantizer()
        let codes = randomTensor([6, 6], seed: 12)
        let output = quantizer(codes)
        let (z, book) = (codes.scalars, quantizer.codebook.scalars)
        var picked = Set<Int>()
        for group in 0..<12 {
            let distances = (0..<5).map { entry in
                (0..<3).map { i in (z[group * 3 + i] - book[entry * 3 + i]) * (z[group * 3 + i] - book[entry * 3 + i]) }
                    .reduce(0, +)
            }
            let nearest = distances.indices.min { distances[$0] < distances[$1] } ?? -1
            picked.insert(nearest)
            #expect(
                Array(output.scalars[(group * 3)..<(group * 3 + 3)]) == Array(book[(nearest * 3)..<(nearest * 3 + 3)]))
        }
        #expect(picked.count >= 3, "the test's codes should reach several entries, reached \(picked)")
    }

    @Test func theEncoderGetsTheDecoderInputsGradientUnchanged() {
        let quantizer = quantizer()
        let codes = randomTensor([6, 6], seed: 12)
        codes.requiresGrad = true
        let upstream = randomTensor([6, 6], seed: 13)
        (quantizer(codes) * upstream).sum().backward()
        #expect(codes.grad?.scalars == upstream.scalars)
        // The reconstruction's gradient does not reach the codebook: only the codebook loss trains it.
        #expect(quantizer.codebook.grad == nil)
    }

    @Test func codebookAndCommitmentGradientsMatchFiniteDifferences() {
        let quantizer = quantizer()
        let codes = randomTensor([6, 6], seed: 12)
        // Each loss against the tensor it trains; the other is held fixed, which is what stopping its gradient means.
        let codebookCheck = checkGradients([quantizer.codebook], epsilon: 1e-3) { _ in
            quantizer.quantize(codes).codebookLoss
        }
        #expect(codebookCheck.worstError < 1e-2, "\(codebookCheck)")
        let commitmentCheck = checkGradients([codes], epsilon: 1e-3) { inputs in
            quantizer.quantize(inputs[0]).commitmentLoss
        }
        #expect(commitmentCheck.worstError < 1e-2, "\(commitmentCheck)")

        // And neither reaches the other tensor: the stop-gradients.
        codes.zeroGrad()
        quantizer.codebook.zeroGrad()
        let quantized = quantizer.quantize(codes)
        quantized.codebookLoss.backward()
        #expect(codes.grad == nil && quantizer.codebook.grad != nil)
        quantizer.codebook.zeroGrad()
        quantizer.quantize(codes).commitmentLoss.backward()
        #expect(codes.grad != nil && quantizer.codebook.grad == nil)
    }

    @Test func aCodeThatIsNotWholeGroupsIsRefused() throws {
        let spec = LayerSpec.vectorQuantizer(codes: 8, size: 3)
        #expect(try spec.outputShape(for: [6]) == [6])
        #expect(throws: LatentError.self) { try spec.outputShape(for: [7]) }
        #expect(throws: LatentError.self) { try LayerSpec.vectorQuantizer(codes: 0, size: 3).outputShape(for: [6]) }
    }
}
