import Foundation

/// Query results as rows of (query, reference, distance, rank), the columns GraphLab users know.
public struct NeighbourTable: Equatable, Sendable, CustomStringConvertible {
    public struct Row: Equatable, Sendable, Codable {
        /// The query's row number.
        public let queryLabel: Int
        /// The database row found.
        public let referenceLabel: Int
        public let distance: Float
        /// 1 for the nearest.
        public let rank: Int

        public init(queryLabel: Int, referenceLabel: Int, distance: Float, rank: Int) {
            self.queryLabel = queryLabel
            self.referenceLabel = referenceLabel
            self.distance = distance
            self.rank = rank
        }

        enum CodingKeys: String, CodingKey {
            case queryLabel = "query_label"
            case referenceLabel = "reference_label"
            case distance, rank
        }
    }

    public let rows: [Row]

    /// One row per neighbour found, queries in order and each query's neighbours nearest first.
    ///
    /// - Parameters:
    ///   - neighbours: what a search found for each query.
    ///   - queryLabels: the row number to show for each query (defaults to 0, 1, 2, ...).
    public init(_ neighbours: Neighbours, queryLabels: [Int]? = nil) {
        var rows: [Row] = []
        for q in 0..<neighbours.queryCount {
            for (rank, found) in neighbours.of(q).enumerated() {
                rows.append(
                    Row(
                        queryLabel: queryLabels?[q] ?? q, referenceLabel: found.index, distance: found.distance,
                        rank: rank + 1))
            }
        }
        self.rows = rows
    }

    public var description: String {
        var lines = ["query_label  reference_label  distance      rank"]
        for row in rows {
            lines.append(
                row.queryLabel.paddedLeft(11) + "  " + row.referenceLabel.paddedLeft(15) + "  "
                    + String(format: "%-12.6g", row.distance) + row.rank.paddedLeft(4))
        }
        return lines.joined(separator: "\n")
    }

    public var csv: String {
        (["query_label,reference_label,distance,rank"]
            + rows.map { "\($0.queryLabel),\($0.referenceLabel),\($0.distance),\($0.rank)" }).joined(separator: "\n")
            + "\n"
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

extension Int {
    fileprivate func paddedLeft(_ width: Int) -> String {
        let text = String(self)
        return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }
}
