import LatentCore

/// The bottleneck of a VQ-VAE (van den Oord et al. 2017): each group of `size` code values is replaced by its
/// nearest entry of a trained codebook, and the gradient passes straight through to the encoder.
///
/// Shapes: N = batch, G = groups per code, D = `size`, K = `codes`. z: (N, G*D) -> (N, G*D); codebook: (K, D).
public final class VectorQuantizer: Layer {
    /// The K code vectors, one per row.
    public let codebook: Tensor

    /// A codebook of `codes` vectors of `size` values drawn from U(-1/K, 1/K), as in the paper's code.
    ///
    /// - Parameters:
    ///   - codes: K, the number of codebook entries.
    ///   - size: D, the values each entry holds; the code it quantizes must be a multiple of it.
    ///   - generator: draws the initial codebook.
    public init(codes: Int, size: Int, using generator: inout some RandomNumberGenerator) {
        let bound = 1 / Float(codes)
        codebook = Tensor.uniform([codes, size], in: -bound...bound, requiresGrad: true, using: &generator)
    }

    /// K, the number of codebook entries.
    public var codes: Int { codebook.shape[0] }
    /// D, the values each codebook entry holds.
    public var size: Int { codebook.shape[1] }

    public var spec: LayerSpec { .vectorQuantizer(codes: codes, size: size) }
    public var parameters: [NamedTensor] { [("codebook", codebook)] }

    /// The quantized code; its gradient reaches `input` unchanged (the straight-through estimator).
    ///
    /// - Parameter input: the encoder's output z, (N, G*D).
    public func callAsFunction(_ input: Tensor) -> Tensor { quantize(input).output }

    /// The quantized code of `input` (N, G*D) with the two terms that train the codebook and the encoder.
    ///
    /// - Parameter input: the encoder's output z, (N, G*D).
    public func quantize(_ input: Tensor) -> Quantization {
        let vectors = input.reshaped([input.count / size, size])  // (N*G, D)
        let indices = nearestEntries(to: vectors)
        // One-hot rows times the codebook pick each nearest entry through sgemm, and its backward adds each
        // entry's gradient into the rows that picked it.
        let entries = Tensor.oneHot(labels: indices, classes: codes).matmul(codebook)  // (N*G, D)
        let codebookLoss = Loss.meanSquaredError(entries, vectors.detached())
        let commitmentLoss = Loss.meanSquaredError(vectors, entries.detached())
        // z + sg[e - z]: the value of e, the gradient of z.
        let output = vectors + (entries.detached() - vectors.detached())
        return Quantization(
            output: output.reshaped(input.shape), indices: indices, codebookLoss: codebookLoss,
            commitmentLoss: commitmentLoss)
    }

    /// The index of each row's nearest codebook entry: argmax of 2 z.e - ||e||^2, which orders entries as
    /// ||z - e||^2 = ||z||^2 - 2 z.e + ||e||^2 does. vectors: (M, D) -> M indices.
    ///
    /// - Parameter vectors: the rows to match, (M, D), read without recording gradients.
    public func nearestEntries(to vectors: Tensor) -> [Int] {
        GradientMode.withoutGradients {
            let entries = codebook.detached()
            let scores = vectors.detached().matmul(entries.transposed()) * 2 - (entries * entries).sum(axes: [1])
            return scores.rowMaxima().map(\.column)
        }
    }

    /// A quantized code and the losses that train the quantizer.
    public struct Quantization {
        /// The nearest codebook entries, (N, G*D), with the straight-through gradient to the input.
        public var output: Tensor
        /// Each group's codebook entry, N*G of them, row by row.
        public var indices: [Int]
        /// ||sg[z] - e||^2, averaged over every value: moves the entries towards the codes that chose them.
        public var codebookLoss: Tensor
        /// ||z - sg[e]||^2, averaged over every value: keeps the encoder's outputs near their entries.
        public var commitmentLoss: Tensor
    }

    public struct Description: LayerDescription {
        public static let kind = "vector_quantizer"
        /// K, the number of codebook entries.
        public var codes: Int
        /// D, the values each entry holds.
        public var size: Int

        public var summary: String { "VectorQuantizer(\(codes) codes of \(size))" }
        public var ownTensors: [TensorShape] { [TensorShape("codebook", [codes, size])] }
        public func validate() throws { try requirePositive([codes, size], "codes and size") }

        public func outputShape(for input: [Int]) throws -> [Int] {
            guard input.count == 1, input[0] % size == 0 else {
                throw mismatch(expected: "a code of a multiple of \(size) values", got: input)
            }
            return input
        }

        public func makeLayer(using generator: inout some RandomNumberGenerator) -> any Layer {
            VectorQuantizer(codes: codes, size: size, using: &generator)
        }
    }
}

extension LayerSpec {
    /// A vector quantizer with a codebook of `codes` entries of `size` values each.
    ///
    /// - Parameters:
    ///   - codes: K, the number of codebook entries.
    ///   - size: D, the values each entry holds.
    public static func vectorQuantizer(codes: Int, size: Int) -> LayerSpec {
        LayerSpec(VectorQuantizer.Description(codes: codes, size: size))
    }
}
