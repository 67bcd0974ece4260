import Yams

extension ExperimentSchema {
    /// Checks a list of rows (`rows`): each a mapping of `fields` holding the `required` keys, named by its first
    /// field, no name twice. A fault names the item, as `rows[1].epochs`.
    static func checkRows(
        _ items: [Node], fields: [(key: String, value: ExperimentValue)], required: [String], keyPath: String
    ) throws(KeyProblem) {
        var names: [String: Int] = [:]
        for (position, item) in items.enumerated() {
            let itemPath = "\(keyPath)[\(position)]"
            guard case .mapping(let mapping) = item else {
                throw KeyProblem(
                    line: item.mark?.line, keyPath: itemPath,
                    message: "expected keys (\(fields.map(\.key).joined(separator: ", "))), got \(describe(item))")
            }
            // The rows' keys are checked here, not against the keys the kind reads.
            var present: [(keyPath: String, line: Int?)] = []
            try checkSection(mapping, fields: fields, path: itemPath, present: &present)
            for key in required where !present.contains(where: { $0.keyPath == "\(itemPath).\(key)" }) {
                throw KeyProblem(
                    line: item.mark?.line, keyPath: "\(itemPath).\(key)",
                    message: "missing; every row needs \(required.joined(separator: ", "))")
            }
            guard let nameKey = fields.first?.key, let name = mapping[nameKey]?.scalar?.string else { continue }
            if let first = names[name] {
                throw KeyProblem(
                    line: item.mark?.line, keyPath: "\(itemPath).\(nameKey)",
                    message: "\(name) names two rows (first \(keyPath)[\(first)])")
            }
            names[name] = position
        }
    }
}
