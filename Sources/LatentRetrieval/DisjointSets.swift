/// Union-find over the rows 0..<count: which rows have been joined, directly or through others.
///
/// Path halving and union by size keep every operation nearly constant time, so joining every pair found within a
/// threshold costs about as much as listing the pairs.
struct DisjointSets {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = [Int](repeating: 1, count: count)
    }

    /// The representative of `row`'s set.
    mutating func root(of row: Int) -> Int {
        var row = row
        while parent[row] != row {
            parent[row] = parent[parent[row]]
            row = parent[row]
        }
        return row
    }

    /// Joins the sets of `a` and `b`.
    mutating func join(_ a: Int, _ b: Int) {
        var (a, b) = (root(of: a), root(of: b))
        guard a != b else { return }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
    }
}
