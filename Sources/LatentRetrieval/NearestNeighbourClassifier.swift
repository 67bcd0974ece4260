/// k-NN classification: each query takes the majority label of its k nearest neighbours; a tie goes
/// to the tied label whose nearest member is closest.
public enum NearestNeighbourClassifier {
    public static func predict(_ neighbours: Neighbours, databaseLabels: [Int], k: Int? = nil) -> [Int] {
        let k = min(k ?? neighbours.k, neighbours.k)
        return (0..<neighbours.queryCount).map { q in
            var votes: [Int: (count: Int, nearest: Float)] = [:]
            for (index, distance) in neighbours.of(q).prefix(k) {
                let label = databaseLabels[index]
                let current = votes[label] ?? (0, distance)
                votes[label] = (current.count + 1, min(current.nearest, distance))
            }
            return votes.max { a, b in
                a.value.count != b.value.count ? a.value.count < b.value.count : a.value.nearest > b.value.nearest
            }!.key
        }
    }
}
