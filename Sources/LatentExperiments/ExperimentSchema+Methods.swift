import LatentSearch
import Yams

extension ExperimentSchema {
    /// Checks `methods`: a list of search methods, each a word (`pixels`) or a mapping with one method key
    /// (`pca: 64`, `model: FILE`, `mirror_invariant: METHOD`) and the keys that go with it (`layer` beside `model`).
    /// A fault names the item, as `methods[2].pca`.
    static func checkSearchMethods(_ node: Node, keyPath: String) throws(KeyProblem) {
        let items = try listItems(node) { KeyProblem(line: node.mark?.line, keyPath: keyPath, message: $0) }
        var seen: [String: Int] = [:]
        for (position, item) in items.enumerated() {
            let itemPath = "\(keyPath)[\(position)]"
            let written = try checkMethod(item, keyPath: itemPath, mayMirror: true)
            if let first = seen[written] {
                throw KeyProblem(
                    line: item.mark?.line, keyPath: itemPath,
                    message: "lists \(written) twice (first as \(keyPath)[\(first)])")
            }
            seen[written] = position
        }
    }

    /// Checks one method; returns it as one line (`pca: 64`), to find a method listed twice.
    ///
    /// - Parameter mayMirror: whether `mirror_invariant` may wrap this method (not inside another one).
    private static func checkMethod(_ item: Node, keyPath: String, mayMirror: Bool) throws(KeyProblem) -> String {
        let words = Experiment.SearchMethod.words
        let keys = Experiment.SearchMethod.keys
        func fail(_ message: String, at place: Node? = nil, key: String? = nil) -> KeyProblem {
            KeyProblem(
                line: (place ?? item).mark?.line, keyPath: key.map { "\(keyPath).\($0)" } ?? keyPath, message: message)
        }
        switch item {
        case .scalar(let scalar):
            try checkChoice(item, options: words) {
                fail($0 + " (or a mapping with one of \(keys.joined(separator: ", ")))")
            }
            return scalar.string
        case .sequence:
            throw fail("expected a method (a word such as pixels, or a mapping such as pca: 64), got a list")
        case .mapping(let mapping):
            var present: [String] = []
            var written: [String] = []
            for (keyNode, value) in mapping {
                guard let key = keyNode.scalar?.string else {
                    throw fail("a key must be a plain word, not \(describe(keyNode))", at: keyNode)
                }
                guard keys.contains(key) else {
                    let hint = nearestName(to: key, among: keys).map { "did you mean \($0)? " } ?? ""
                    throw fail(
                        "unknown key; \(hint)a method is \(words.joined(separator: ", ")) or a mapping with "
                            + keys.joined(separator: ", "), at: keyNode, key: key)
                }
                guard !present.contains(key) else { throw fail("duplicate key", at: keyNode, key: key) }
                present.append(key)
                guard !isNull(value) else { throw fail("no value given", at: value, key: key) }
                switch key {
                case "pca":
                    try checkWholeNumber(value, in: 1...Int.max) { fail($0, at: value, key: key) }
                case "histogram", "colour_edges":
                    try checkWholeNumber(value, in: ColourHistogram.binRange) { fail($0, at: value, key: key) }
                case "mirror_invariant":
                    guard mayMirror else {
                        throw fail("a mirror-invariant method is mirror-invariant already", at: keyNode, key: key)
                    }
                    written.append(
                        "\(key): " + (try checkMethod(value, keyPath: "\(keyPath).\(key)", mayMirror: false)))
                    continue
                default:
                    guard let text = value.scalar?.string, !text.allSatisfy(\.isWhitespace) else {
                        throw fail("expected text, got \(describe(value))", at: value, key: key)
                    }
                }
                written.append("\(key): \(value.scalar?.string ?? "")")
            }
            let methods = present.filter { $0 != "layer" }
            guard methods.count == 1 else {
                throw fail(
                    methods.isEmpty
                        ? "layer needs model beside it (model: FILE, layer: NAME)"
                        : "one method per item, not \(methods.joined(separator: " and "))")
            }
            if present.contains("layer"), methods != ["model"] {
                throw fail("layer goes with model, not with \(methods[0])", key: "layer")
            }
            return written.sorted().joined(separator: ", ")
        }
    }
}
