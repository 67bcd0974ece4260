/// A key of an experiment file at fault: its line, its dotted path (`training.epochs`) and what is wrong.
struct KeyProblem: Error {
    let line: Int?
    let keyPath: String
    let message: String

    /// `FILE:LINE: KEY: MESSAGE`, the form compilers use, so that editors can jump to the line.
    func described(file: String) -> String {
        [file + (line.map { ":\($0)" } ?? ""), keyPath, message].filter { !$0.isEmpty }.joined(separator: ": ")
    }
}
