/// Whether operations record the graph that `backward()` needs.
///
/// A task-local value, so that evaluation in one task never switches recording off in another.
public enum GradientMode {
    @TaskLocal package static var isEnabled = true

    /// Runs `body` with recording off (inference, evaluation, feature extraction).
    public static func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $isEnabled.withValue(false) { try body() }
    }
}
