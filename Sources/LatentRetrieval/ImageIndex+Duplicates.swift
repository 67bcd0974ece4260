import LatentCore

extension ImageIndex {
    /// How many nearest neighbours of each image are tested against the threshold: a group larger than this is still
    /// found whole, through the members' own neighbours.
    public static let duplicateCandidates = 32

    /// Groups of near-duplicate images: every image is joined with each of its nearest neighbours within `threshold`
    /// (union-find), so a group holds images linked through one another; rows holding the same image (`identical`:
    /// the same file twice, say) always share a group, whatever the threshold.
    ///
    /// The neighbours come from the index's own search: its HNSW graph when it has one, else the exact search
    /// (sgemm over every code), a batch of images at a time.
    ///
    /// - Parameters:
    ///   - threshold: the largest distance, by the index's metric, at which two images count as duplicates; finite and
    ///     not negative.
    ///   - ef: the graph's search breadth (`HNSWGraph.defaultEf` when `nil`); exact search has none.
    /// - Returns: the groups of two or more images, largest first, then by their first row.
    public func duplicateGroups(threshold: Float, ef: Int? = nil) throws -> [DuplicateGroup] {
        guard threshold.isFinite, threshold >= 0 else {
            throw LatentError("the duplicate threshold must be a finite number, zero or more; got \(threshold)")
        }
        var sets = DisjointSets(count: count)
        for row in 0..<count where identical.first[row] != row { sets.join(row, identical.first[row]) }
        let k = min(count, Self.duplicateCandidates)
        let batch = 1024
        for first in stride(from: 0, to: count, by: batch) {
            let rows = first..<min(first + batch, count)
            // A search answers identical rows as one match; they are joined above.
            for (offset, matches) in try search(codes.rows(rows), k: k, ef: ef).enumerated() {
                for match in matches where match.distance <= threshold { sets.join(first + offset, match.row) }
            }
        }
        var members: [Int: [Int]] = [:]
        for row in 0..<count { members[sets.root(of: row), default: []].append(row) }
        return members.values.filter { $0.count > 1 }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
            .map { rows in DuplicateGroup(rows: rows, distances: rows.map { codeDistance($0, rows[0]) }) }
    }

    /// The distance between the codes of rows `a` and `b` by the index's metric, as its search measures it; exactly 0
    /// for equal codes, which the arithmetic would leave a rounding error away from it.
    func codeDistance(_ a: Int, _ b: Int) -> Float {
        let dimension = self.dimension
        return codes.withUnsafeBufferPointer { values in
            let (codeA, codeB) = (
                values[(a * dimension)..<((a + 1) * dimension)], values[(b * dimension)..<((b + 1) * dimension)]
            )
            if codeA.elementsEqual(codeB) { return 0 }
            var (dot, squaredA, squaredB): (Float, Float, Float) = (0, 0, 0)
            for i in 0..<dimension {
                let (x, y) = (values[a * dimension + i], values[b * dimension + i])
                dot += x * y
                squaredA += x * x
                squaredB += y * y
            }
            switch metric {
            case .cosine:
                let norms = (squaredA * squaredB).squareRoot()
                return norms > 0 ? max(0, 1 - dot / norms) : 1
            case .squaredL2:
                return max(0, squaredA + squaredB - 2 * dot)
            }
        }
    }
}
