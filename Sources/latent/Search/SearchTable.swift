import Foundation
import LatentRetrieval

/// Search results as rows of (query, reference file, label, distance, rank), the columns GraphLab users know.
struct SearchTable: CustomStringConvertible {
    let query: String
    let matches: [ImageMatch]

    var description: String {
        let referenceWidth = max(9, matches.map(\.path.count).max() ?? 0)
        let labelWidth = max(5, matches.map(\.label.count).max() ?? 0)
        var lines = [
            "query".padded(max(5, query.count)) + "  " + "reference".padded(referenceWidth) + "  "
                + "label".padded(labelWidth) + "  distance      rank"
        ]
        for match in matches {
            lines.append(
                query.padded(max(5, query.count)) + "  " + match.path.padded(referenceWidth) + "  "
                    + match.label.padded(labelWidth) + "  " + String(format: "%-12.6g", match.distance) + "  "
                    + String(match.rank))
        }
        return lines.joined(separator: "\n")
    }

    var csv: String {
        (["query,reference,label,distance,rank"]
            + matches.map {
                [query, $0.path, $0.label].map(SearchTable.csvField).joined(separator: ",")
                    + ",\($0.distance),\($0.rank)"
            }).joined(separator: "\n") + "\n"
    }

    var json: String {
        struct Row: Encodable {
            let query: String, reference: String, label: String, distance: Float, rank: Int, row: Int
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rows = matches.map {
            Row(query: query, reference: $0.path, label: $0.label, distance: $0.distance, rank: $0.rank, row: $0.row)
        }
        return String(decoding: (try? encoder.encode(rows)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
