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

    /// Finds the repeats among rows of equal codes (by a hash of each code, confirmed value for value), then compares
    /// the thumbnails of those rows alone: a store on disk is read only for rows whose codes repeat.
    ///
    /// - Parameters:
    ///   - codes: (N, D) one code per row.
    ///   - thumbnails: N thumbnails.
    init(codes: Tensor, thumbnails: ThumbnailSet) throws {
        let (count, dimension) = (codes.shape[0], codes.shape[1])
        var first = Array(0..<count)
        var repeated: [Int: [Int]] = [:]
        try codes.withUnsafeBufferPointer { values in
            func code(_ row: Int) -> UnsafeBufferPointer<Float> {
                UnsafeBufferPointer(rebasing: values[(row * dimension)..<((row + 1) * dimension)])
            }
            // The first row of each different image seen so far, by the hash of its code.
            var imagesOfHash: [Int: [Int]] = [:]
            // The thumbnails of those first rows that a later row's code matched, read once.
            var candidateThumbnails: [Int: [UInt8]] = [:]
            func thumbnail(ofCandidate row: Int) throws -> [UInt8] {
                if let known = candidateThumbnails[row] { return known }
                let bytes = try thumbnails.thumbnail(row)
                candidateThumbnails[row] = bytes
                return bytes
            }
            for row in 0..<count {
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(code(row)))
                let hash = hasher.finalize()
                guard let candidates = imagesOfHash[hash] else {
                    imagesOfHash[hash] = [row]
                    continue
                }
                // Another code of the same hash (about one chance in 2^64), or another thumbnail of the same code,
                // stays a result of its own.
                var own: [UInt8]?
                let earlier = try candidates.first { candidate in
                    guard code(row).elementsEqual(code(candidate)) else { return false }
                    own = try own ?? thumbnails.thumbnail(row)
                    return try own == thumbnail(ofCandidate: candidate)
                }
                guard let earlier else {
                    imagesOfHash[hash, default: []].append(row)
                    continue
                }
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
