/// One row of a job's table of names: the key path an experiment file writes (`model.code`) beside the flag the
/// command line takes (`--code`) for the same setting.
///
/// A row with only one of the two says why the other front end has none, so that a test can hold both front ends to
/// the table: every key of a job has its flag and every flag its key, or a reason written down.
public struct SettingName: Sendable, Equatable {
    public let keyPath: String?
    public let flag: String?
    /// Why only one front end has this setting; `nil` for a row with both names.
    public let reason: String?

    /// A setting both front ends take.
    public init(_ keyPath: String, _ flag: String) {
        (self.keyPath, self.flag, reason) = (keyPath, flag, nil)
    }

    /// A key of the experiment file that the command line has no flag for, and why.
    public static func fileOnly(_ keyPath: String, because reason: String) -> SettingName {
        SettingName(keyPath: keyPath, flag: nil, reason: reason)
    }

    /// A flag of the command line that the experiment file has no key for, and why.
    public static func commandLineOnly(_ flag: String, because reason: String) -> SettingName {
        SettingName(keyPath: nil, flag: flag, reason: reason)
    }

    private init(keyPath: String?, flag: String?, reason: String) {
        (self.keyPath, self.flag, self.reason) = (keyPath, flag, reason)
    }
}
