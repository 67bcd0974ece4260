/// How the front end the user typed into names a job's settings: the experiment file's key paths (`model.code`) or
/// the command line's flags (`--code`).
///
/// A rule is checked once, by the settings type, which is told the front end's names, so that its message names the
/// option the user wrote: `--code 785 is more than ...` after `latent train ae`, `model.code: 785 is more than ...`
/// in an experiment file.
public struct SettingNames: Sendable {
    /// Key path to flag; `nil` for the experiment file, whose names are the key paths themselves.
    private let flags: [String: String]?

    /// The names of an experiment file: key paths as written there.
    public static let experimentFile = SettingNames(flags: nil)

    /// The command line's names for a job, from its table (`AutoencoderSettings.names`).
    public static func commandLine(_ table: [SettingName]) -> SettingNames {
        var flags: [String: String] = [:]
        for row in table {
            if let keyPath = row.keyPath, let flag = row.flag { flags[keyPath] = flag }
        }
        return SettingNames(flags: flags)
    }

    /// The name of the setting at `keyPath`: the key path itself, or its flag (the key path when it has none).
    public func callAsFunction(_ keyPath: String) -> String {
        flags.map { $0[keyPath] ?? keyPath } ?? keyPath
    }

    /// The setting and its value as a message opens with them: `model.code: 785` or `--code 785`.
    public func quoting(_ keyPath: String, _ value: some CustomStringConvertible) -> String {
        flags == nil ? "\(keyPath): \(value)" : "\(self(keyPath)) \(value)"
    }
}
