import LatentCore

/// The rows of an index that hold the same image: equal codes and equal thumbnails, as the same file imported twice
/// (or two byte-identical files) gives. A search answers such rows as one result that lists the others.
public struct IdenticalImages: Sendable {
    /// For each row, the first row holding the same image: the row itself when no earlier row does.
    public let first: [Int]
    /// Every row of each image held more than once, in row order, keyed by its first row.
    private let repeated: [Int: [Int]]
    /// How many rows repeat an earlier row's image: how many more results a search must fetch to fill k images.
    public let repeatCount: Int

    /// Finds the repeats by a hash of each row's code and thumbnail bytes, confirmed value for value.
    ///
    /// - Parameters:
    ///   - codes: (N, D) one code per row.
    ///   - thumbnails: N thumbnails.
    init(codes: Tensor, thumbnails: ThumbnailSet) {
        let (count, dimension) = (codes.shape[0], codes.shape[1])
        var first = Array(0..<count)
        var repeated: [Int: [Int]] = [:]
        codes.withUnsafeBufferPointer { values in
            var firstOfHash: [Int: Int] = [:]
            for row in 0..<count {
                let code = UnsafeBufferPointer(rebasing: values[(row * dimension)..<((row + 1) * dimension)])
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(code))
                thumbnails.thumbnail(row).withUnsafeBytes { hasher.combine(bytes: $0) }
                let hash = hasher.finalize()
                guard let earlier = firstOfHash[hash] else {
                    firstOfHash[hash] = row
                    continue
                }
                // Another image of the same hash (about one chance in 2^64) stays a result of its own.
                guard code.elementsEqual(values[(earlier * dimension)..<((earlier + 1) * dimension)]),
                    thumbnails.thumbnail(row).elementsEqual(thumbnails.thumbnail(earlier))
                else { continue }
                first[row] = earlier
                repeated[earlier, default: [earlier]].append(row)
            }
        }
        self.first = first
        self.repeated = repeated
        repeatCount = repeated.values.map { $0.count - 1 }.reduce(0, +)
    }

    /// Every row holding the image of `row`, in row order: `[row]` when it is held once.
    ///
    /// - Parameter row: a row of the index.
    public func rows(sameAs row: Int) -> [Int] { repeated[first[row]] ?? [row] }
}
