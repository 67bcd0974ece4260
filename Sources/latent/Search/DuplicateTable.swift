import Foundation
import LatentRetrieval

/// Duplicate groups as rows of (group, path, distance to the group's first photo): printed as a table, written as CSV.
struct DuplicateTable: CustomStringConvertible {
    /// The groups, largest first.
    let groups: [DuplicateGroup]
    /// The path of each row of the index the groups hold.
    let paths: [String]

    /// (group number from 1, path, distance) for every member, group by group.
    private var rows: [(group: Int, path: String, distance: Float)] {
        groups.enumerated().flatMap { number, group in
            zip(group.rows, group.distances).map { (number + 1, paths[$0], $1) }
        }
    }

    var description: String {
        let rows = self.rows
        let groupWidth = max(5, String(groups.count).count)
        let pathWidth = max(4, rows.map(\.path.count).max() ?? 0)
        return
            (["group".padded(groupWidth) + "  " + "path".padded(pathWidth) + "  distance"]
            + rows.map { row in
                String(row.group).padded(groupWidth) + "  " + row.path.padded(pathWidth) + "  "
                    + String(format: "%.6g", row.distance)
            }).joined(separator: "\n")
    }

    var csv: String {
        (["group,path,distance"] + rows.map { "\($0.group),\(SearchTable.csvField($0.path)),\($0.distance)" })
            .joined(separator: "\n") + "\n"
    }
}
