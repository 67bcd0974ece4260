import Foundation
import LatentRetrieval

/// Search results as rows of (query, reference file, label, distance, rank), the columns GraphLab users know, and the
/// other files holding the same image as the reference (copies): one query's neighbours, or many queries' one after
/// another.
struct SearchTable: CustomStringConvertible {
    /// Each query file's name and its neighbours, nearest first.
    let results: [(query: String, matches: [ImageMatch])]

    init(query: String, matches: [ImageMatch]) { results = [(query, matches)] }

    init(results: [(query: String, matches: [ImageMatch])]) { self.results = results }

    private var rows: [(query: String, match: ImageMatch)] {
        results.flatMap { result in result.matches.map { (result.query, $0) } }
    }

    var description: String {
        let rows = self.rows
        let queryWidth = max(5, rows.map(\.query.count).max() ?? 0)
        let referenceWidth = max(9, rows.map(\.match.path.count).max() ?? 0)
        let labelWidth = max(5, rows.map(\.match.label.count).max() ?? 0)
        var lines = [
            "query".padded(queryWidth) + "  " + "reference".padded(referenceWidth) + "  "
                + "label".padded(labelWidth) + "  distance      rank"
        ]
        for (query, match) in rows {
            lines.append(
                query.padded(queryWidth) + "  " + match.path.padded(referenceWidth) + "  "
                    + match.label.padded(labelWidth) + "  " + String(format: "%-12.6g", match.distance) + "  "
                    + String(match.rank)
                    + (match.copies.isEmpty
                        ? "" : "  +\(match.copies.count) identical: " + match.copies.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }

    var csv: String {
        (["query,reference,label,distance,rank,copies"]
            + rows.map { query, match in
                [query, match.path, match.label].map(SearchTable.csvField).joined(separator: ",")
                    + ",\(match.distance),\(match.rank)," + SearchTable.csvField(match.copies.joined(separator: ";"))
            }).joined(separator: "\n") + "\n"
    }

    var json: String {
        struct Row: Encodable {
            let query: String, reference: String, label: String, distance: Float, rank: Int, row: Int
            let copies: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rows = self.rows.map { query, match in
            Row(
                query: query, reference: match.path, label: match.label, distance: match.distance, rank: match.rank,
                row: match.row, copies: match.copies)
        }
        return String(decoding: (try? encoder.encode(rows)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }

    /// Writes the table as CSV or JSON, by the extension of `path`.
    func write(to path: String) throws {
        try createParentFolder(of: path)
        try (path.hasSuffix(".json") ? json : csv).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// This text followed by spaces up to `width` characters, for the columns of a printed table.
    func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
