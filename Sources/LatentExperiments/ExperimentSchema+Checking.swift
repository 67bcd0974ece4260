import Foundation
import LatentData
import Yams

extension ExperimentSchema {
    /// Checks a parsed experiment file against the schema: every key known, none twice, every value of
    /// its type and in its range, nothing missing, nothing the kind would ignore.
    static func check(_ document: Node) throws(KeyProblem) {
        guard case .mapping(let root) = document else {
            throw KeyProblem(
                line: document.mark?.line, keyPath: "",
                message: "an experiment file is a mapping of keys (name, question, kind, ...), "
                    + "not \(describe(document))")
        }
        var present: [(keyPath: String, line: Int?)] = []
        // The kind says which architectures model.arch names; an unknown kind is refused below as any bad value is.
        let kind = root["kind"]?.string.flatMap(Experiment.Kind.init(rawValue:))
        try checkSection(root, fields: fields(for: kind), path: "", present: &present)
        let needed = required(by: kind)
        for key in needed
        where !present.contains(where: { $0.keyPath == key || (key == "seed" && $0.keyPath == "seeds") }) {
            throw KeyProblem(
                line: nil, keyPath: key,
                message: "missing; "
                    + (needed == required ? "every experiment needs " : "kind \(kind?.rawValue ?? "") needs ")
                    + needed.joined(separator: ", "))
        }
        if root["seed"] != nil, let seeds = root["seeds"] {
            throw KeyProblem(line: seeds.mark?.line, keyPath: "seeds", message: "give seed or seeds, not both")
        }
        guard let kind else { return }
        let optional = kindSpecificKeys
        for (keyPath, line) in present where optional.contains(keyPath) && !topKeysRead(by: kind).contains(keyPath) {
            throw KeyProblem(
                line: line, keyPath: keyPath,
                message: "kind \(kind.rawValue) does not read this key (of \(optional.joined(separator: ", ")) it "
                    + "reads \(topKeysRead(by: kind).joined(separator: ", ")))")
        }
        let read = keysRead(by: kind)
        for (keyPath, line) in present where keyPath.contains(".") && !read.contains(keyPath) {
            throw KeyProblem(
                line: line, keyPath: keyPath,
                message: "kind \(kind.rawValue) does not read this key (it reads \(read.joined(separator: ", ")))")
        }
        if let seeds = root["seeds"], !kindsWithSeeds.contains(kind) {
            throw KeyProblem(
                line: seeds.mark?.line, keyPath: "seeds",
                message:
                    "kind \(kind.rawValue) runs one seed; give seed (several seeds: \(kindsWithSeeds.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        if kind == .perCategory, let queries = root["evaluation"]?.mapping?["queries"], queries.sequence?.count ?? 0 > 1
        {
            throw KeyProblem(
                line: queries.mark?.line, keyPath: "evaluation.queries",
                message: "kind per-category shows one query image; list one, not \(queries.sequence?.count ?? 0)")
        }
    }

    static func checkSection(
        _ mapping: Node.Mapping, fields: [(key: String, value: ExperimentValue)], path: String,
        present: inout [(keyPath: String, line: Int?)]
    ) throws(KeyProblem) {
        var seen: [String: Int] = [:]
        for (keyNode, value) in mapping {
            let line = keyNode.mark?.line
            guard case .scalar(let scalar) = keyNode else {
                throw KeyProblem(
                    line: line, keyPath: path, message: "a key must be a plain word, not \(describe(keyNode))")
            }
            let keyPath = path.isEmpty ? scalar.string : "\(path).\(scalar.string)"
            if let first = seen[scalar.string] {
                throw KeyProblem(line: line, keyPath: keyPath, message: "duplicate key (first at line \(first))")
            }
            seen[scalar.string] = line ?? 0
            guard let field = fields.first(where: { $0.key == scalar.string }) else {
                throw KeyProblem(
                    line: line, keyPath: keyPath,
                    message: "unknown key; "
                        + (path.hasSuffix("]")
                            ? suggestion(for: scalar.string, among: fields.map(\.key), under: path)
                            : suggestion(for: scalar.string, under: path)))
            }
            present.append((keyPath, line))
            try check(value, against: field.value, keyPath: keyPath, present: &present)
        }
    }

    /// "did you mean training.learning_rate?" when a known key (in any section) is close, else the keys of this section.
    private static func suggestion(for key: String, under path: String) -> String {
        var keyPaths: [String] = []
        for (name, value) in fields {
            keyPaths.append(name)
            if case .section(let children) = value { keyPaths += children.map { "\(name).\($0.key)" } }
        }
        let here = keyPaths.filter { path.isEmpty ? !$0.contains(".") : $0.hasPrefix(path + ".") }
        let leaf = { (keyPath: String) in String(keyPath.split(separator: ".").last ?? "") }
        if let near = nearestName(to: key, among: here.map(leaf)) {
            return "did you mean \(path.isEmpty ? near : "\(path).\(near)")?"
        }
        if let elsewhere = keyPaths.first(where: { leaf($0) == key }) { return "did you mean \(elsewhere)?" }
        return "the keys here are \(here.map(leaf).joined(separator: ", "))"
    }

    /// "did you mean rows[0].epochs?" when a key of this list item is close, else the item's keys.
    private static func suggestion(for key: String, among keys: [String], under path: String) -> String {
        nearestName(to: key, among: keys).map { "did you mean \(path).\($0)?" }
            ?? "the keys of \(path) are \(keys.joined(separator: ", "))"
    }

    private static func check(
        _ node: Node, against value: ExperimentValue, keyPath: String,
        present: inout [(keyPath: String, line: Int?)]
    ) throws(KeyProblem) {
        func fail(_ message: String, at place: Node? = nil) -> KeyProblem {
            KeyProblem(line: (place ?? node).mark?.line, keyPath: keyPath, message: message)
        }
        if case .section(let fields) = value {
            if case .mapping(let mapping) = node {
                try checkSection(mapping, fields: fields, path: keyPath, present: &present)
            } else if !isNull(node) {
                throw fail("expected keys (\(fields.map(\.key).joined(separator: ", "))), got \(describe(node))")
            }
            return
        }
        guard !isNull(node) else { throw fail("no value given") }
        switch value {
        case .text:
            guard let text = node.scalar?.string, !text.allSatisfy(\.isWhitespace) else {
                throw fail("expected text, got \(describe(node))")
            }
        case .plainName:
            guard let name = node.scalar?.string else { throw fail("expected a name, got \(describe(node))") }
            guard isPlainName(name) else {
                throw fail(
                    "\(describe(node)) is not a plain name: use up to 100 letters, digits, '.', '_' and '-', starting "
                        + "with a letter or digit (it names runs/NAME/ and NAME.md, so it cannot be a path)")
            }
        case .choice(let options):
            try checkChoice(node, options: options) { fail($0) }
        case .choices(let options):
            let items = try listItems(node) { fail($0) }
            for item in items { try checkChoice(item, options: options) { fail($0, at: item) } }
            try checkDistinct(items, fail: fail)
        case .wholeNumber(let range):
            try checkWholeNumber(node, in: range) { fail($0) }
        case .wholeNumbers(let range, let maximumCount):
            let items = try listItems(node) { fail($0) }
            guard items.count <= maximumCount else {
                throw fail("lists \(items.count) values, at most \(maximumCount)")
            }
            for item in items { try checkWholeNumber(item, in: range) { fail($0, at: item) } }
            try checkDistinct(items, fail: fail)
        case .seed:
            guard let scalar = node.scalar, UInt64.construct(from: scalar) != nil else {
                throw fail("expected a whole number from 0 to \(UInt64.max), got \(describe(node))")
            }
        case .number(let allowsZero):
            guard let scalar = node.scalar, let number = Float.construct(from: scalar), number.isFinite,
                allowsZero ? number >= 0 : number > 0
            else {
                throw fail(
                    "expected a finite number \(allowsZero ? "of at least 0" : "above 0"), got \(describe(node))")
            }
        case .corruption:
            do {
                _ = try Corruption(parsing: node.scalar?.string ?? describe(node))
            } catch {
                throw fail("\(error)")
            }
        case .augmentation:
            do {
                _ = try Augmentation(parsing: node.scalar?.string ?? describe(node))
            } catch {
                throw fail("\(error)")
            }
        case .searchMethods:
            try checkSearchMethods(node, keyPath: keyPath)
        case .rows(let fields, let required, let maximumCount):
            let items = try listItems(node) { fail($0) }
            guard items.count <= maximumCount else { throw fail("lists \(items.count) rows, at most \(maximumCount)") }
            try checkRows(items, fields: fields, required: required, keyPath: keyPath)
        case .section:
            break
        }
    }

    static func checkChoice(_ node: Node, options: [String], fail: (String) -> KeyProblem) throws(KeyProblem) {
        guard let word = node.scalar?.string, options.contains(word) else {
            let hint =
                node.scalar.flatMap { nearestName(to: $0.string, among: options) }.map { "; did you mean \($0)?" } ?? ""
            throw fail("\(describe(node)) is not one of \(options.joined(separator: ", "))\(hint)")
        }
    }

    static func checkWholeNumber(
        _ node: Node, in range: ClosedRange<Int>,
        fail: (String) -> KeyProblem
    ) throws(KeyProblem) {
        guard let scalar = node.scalar, let number = Int.construct(from: scalar) else {
            throw fail("expected a whole number, got \(describe(node))")
        }
        guard range.contains(number) else {
            let bounds =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)"
                : "between \(range.lowerBound) and \(range.upperBound)"
            throw fail("must be \(bounds), got \(number)")
        }
    }

    static func listItems(_ node: Node, fail: (String) -> KeyProblem) throws(KeyProblem) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw fail("expected a list such as [1, 2], got \(describe(node))")
        }
        guard !sequence.isEmpty else { throw fail("the list is empty; give at least one value or leave the key out") }
        return Array(sequence)
    }

    private static func checkDistinct(_ items: [Node], fail: (String, Node?) -> KeyProblem) throws(KeyProblem) {
        var seen = Set<String>()
        for item in items where !seen.insert(item.scalar?.string ?? "").inserted {
            throw fail("lists \(describe(item)) twice", item)
        }
    }

    /// Letters, digits, `.`, `_` and `-`, starting with a letter or digit: never `..`, `/` or a hidden file.
    private static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 100 else { return false }
        let letterOrDigit = { (c: Unicode.Scalar) in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
        }
        return letterOrDigit(first)
            && name.unicodeScalars.allSatisfy { letterOrDigit($0) || "._-".unicodeScalars.contains($0) }
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return NSNull.construct(from: scalar) != nil
    }

    /// A value as a message shows it: scalars as written (quoted), collections by their kind.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}
