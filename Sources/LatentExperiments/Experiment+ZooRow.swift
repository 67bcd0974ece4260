import Yams

extension Experiment {
    /// One row of a zoo experiment: the file read as an autoencoder experiment, with the row's keys put in the
    /// sections they belong to over the file's shared ones (`beta: 4` in a row is `model.beta: 4`).
    ///
    /// A row is read by the same decoding as any autoencoder experiment, so a key the autoencoder kind learns is a
    /// key a row can set once the schema lists it under `model`.
    public struct ZooRow: Sendable {
        /// The row's name in the tables and its folder under each dataset's (`runs/NAME/DATASET/ROW/`).
        public let name: String
        /// The file as an autoencoder experiment with this row's keys.
        public let experiment: Experiment
    }

    /// The rows of a zoo file, from its parsed `document`, which the schema has already checked.
    static func zooRows(of document: Node) throws -> [ZooRow] {
        guard case .mapping(var shared) = document, let rows = shared["rows"]?.sequence else { return [] }
        shared["kind"] = Node(Kind.autoencoder.rawValue)
        (shared["rows"], shared["datasets"]) = (nil, nil)
        return try rows.map { row in
            var file = shared
            for (keyNode, value) in row.mapping ?? [:] {
                guard let key = keyNode.string, let section = ZooStudy.section(ofRowKey: key) else { continue }
                var keys = file[section]?.mapping ?? [:]
                keys[key] = value
                file[section] = .mapping(keys)
            }
            return ZooRow(
                name: row.mapping?["name"]?.string ?? "",
                experiment: try YAMLDecoder().decode(Experiment.self, from: try Yams.serialize(node: .mapping(file))))
        }
    }
}
