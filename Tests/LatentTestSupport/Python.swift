import Foundation

/// Runs Python scripts for interoperability tests, with the project's virtual environment when it exists.
public enum Python {
    /// `.venv/bin/python3` (made by `make test`), else `python3` from the PATH.
    public static var executable: String {
        let venv = (TestData.repositoryRoot as NSString).appendingPathComponent(".venv/bin/python3")
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// Whether `import module` succeeds.
    public static func has(_ module: String) -> Bool { (try? run("import \(module)")) != nil }

    /// Runs `script` with `arguments`; returns standard output, or throws with standard error.
    @discardableResult
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable, "-c", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: String(decoding: errorData, as: UTF8.self)])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
