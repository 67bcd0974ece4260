import Foundation
import LatentCore
import LatentNN

/// How a VQ-VAE's codes spread over its codebook on a set of images.
public struct CodebookUsage: Sendable, CustomStringConvertible {
    /// How many times each codebook entry was chosen, over every group of every image.
    public let counts: [Int]

    /// Counts the entries `quantizer` picks for `codes`, (N, G*D).
    ///
    /// - Parameters:
    ///   - codes: encoder outputs, (N, G*D).
    ///   - quantizer: the quantizer whose codebook they are matched against.
    public init(of codes: Tensor, by quantizer: VectorQuantizer) {
        var counts = [Int](repeating: 0, count: quantizer.codes)
        for index in quantizer.nearestEntries(to: codes.reshaped([codes.count / quantizer.size, quantizer.size])) {
            counts[index] += 1
        }
        self.counts = counts
    }

    /// Entries chosen at least once.
    public var used: Int { counts.filter { $0 > 0 }.count }

    /// e to the entropy of the entries' frequencies: the number of equally used entries that would be as spread
    /// out; 1 when every code picks one entry, K when all K are used equally.
    public var perplexity: Double {
        let total = Double(counts.reduce(0, +))
        guard total > 0 else { return 0 }
        let entropy = counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * Foundation.log(p)
        }
        return Foundation.exp(entropy)
    }

    /// Entries used and perplexity, one line for logs.
    public var description: String {
        "codebook: \(used) of \(counts.count) entries used, perplexity \(String(format: "%.1f", perplexity))"
    }
}

extension Autoencoder {
    /// How the codes of `images` spread over the codebook, for a VQ-VAE; `nil` for a model without a quantizer.
    ///
    /// - Parameter images: (N, C*H*W), encoded in evaluation mode.
    public func codebookUsage(of images: Tensor) -> CodebookUsage? {
        guard let quantizer else { return nil }
        return CodebookUsage(of: encode(images), by: quantizer)
    }
}
