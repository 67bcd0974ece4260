import LatentCore
import LatentModels
import Yams

extension Experiment {
    /// How deeply an experiment file may nest; real ones nest three levels and hold a handful of brackets.
    static let maximumBlockDepth = 32, maximumFlowBrackets = 64, maximumAnchors = 16

    /// Reads and checks an experiment file completely, naming the file, the line and the key at fault.
    ///
    /// Nothing here depends on the data; `check(train:test:)` does the rest once the data is loaded.
    public static func load(from path: String) throws -> (experiment: Experiment, text: String) {
        let text = try ExperimentFile.readText(at: path)
        let shape = YAMLShape(text)
        guard shape.blockDepth <= maximumBlockDepth else {
            throw LatentError(
                "\(path):\(shape.deepestLine): nested more than \(maximumBlockDepth) levels deep; "
                    + "refused before parsing (an experiment file nests three)")
        }
        guard shape.flowBrackets <= maximumFlowBrackets else {
            throw LatentError(
                "\(path): nested too deeply: \(shape.flowBrackets) '[' and '{' brackets, at most "
                    + "\(maximumFlowBrackets) in an experiment file; refused before parsing")
        }
        guard shape.anchors <= maximumAnchors else {
            throw LatentError(
                "\(path): \(shape.anchors) YAML anchors ('&name'), at most \(maximumAnchors) in an "
                    + "experiment file; refused before parsing")
        }
        let document: Node
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw LatentError("\(path): holds no keys (only comments or a bare document marker)")
            }
            document = root
        } catch let error as YamlError {
            throw LatentError("\(path): not valid YAML: \(describe(error))")
        }
        do {
            try ExperimentSchema.check(document)
        } catch {
            throw LatentError(error.described(file: path))
        }
        var experiment: Experiment
        do {
            experiment = try YAMLDecoder().decode(Experiment.self, from: text)
            if experiment.kind == .zoo { experiment.zooRows = try zooRows(of: document) }
        } catch let error as DecodingError {
            throw LatentError("\(path): \(describe(error))")
        }
        try experiment.checkRecipe(file: path)
        return (experiment, text)
    }

    /// Refuses training and model keys that are valid alone but not together; the job's settings (autoencoder or
    /// classifier) check them, in the file's key paths.
    private func checkRecipe(file path: String) throws {
        do {
            switch kind {
            case .autoencoder: try AutoencoderSettings(self).check(names: .experimentFile)
            case .classifier: try ClassifierSettings(self).check(names: .experimentFile)
            case .likelihood: try LikelihoodStudy.checkRows(of: self)
            case .zoo: try ZooStudy.checkRows(of: self)
            case .comparison, .transfer, .perCategory, .visualSearch, .nearDuplicate: return
            }
        } catch {
            throw LatentError("\(path): \(error)")
        }
    }

    /// A parser's complaint on one line, with where it is.
    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return "line \(mark.line), column \(mark.column): \(problem)\(during)"
        case .reader(let problem, let offset, _, _):
            return problem + (offset.map { " at byte \($0)" } ?? "")
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }

    /// A decoding failure the schema did not foresee, still naming the key.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\((path(context).isEmpty ? "" : path(context) + ".") + key.stringValue): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
