/// A file, dataset or checkpoint that cannot serve the command as asked (exit status 1); the message names it.
///
/// Options that are wrong on their face are `ValidationError`s (exit status 64) from `OptionChecks`.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
