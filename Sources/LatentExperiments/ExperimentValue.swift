/// What one key of an experiment file may hold: its type, its range and what it must not be.
indirect enum ExperimentValue: Sendable {
    /// Text that is not blank.
    case text
    /// A name that becomes `runs/NAME/` and `NAME.md`: letters, digits, `.`, `_` and `-`, never a path.
    case plainName
    /// One of a few words.
    case choice([String])
    /// A list of distinct words from a few, not empty.
    case choices([String])
    case wholeNumber(ClosedRange<Int>)
    /// A list of distinct whole numbers in a range, not empty and not longer than `maximumCount`.
    case wholeNumbers(ClosedRange<Int>, maximumCount: Int)
    /// A whole number from 0 to 2^64 - 1.
    case seed
    /// A finite number above zero, or at least zero when `allowsZero`.
    case number(allowsZero: Bool)
    /// `gaussian:STD` or `mask:FRACTION`.
    case corruption
    /// Augmentation steps separated by commas (`crop:0.5,flip,jitter:0.4`).
    case augmentation
    /// A list of ways to search photos, each a word or a one-key mapping (`Experiment.SearchMethod`).
    case searchMethods
    /// A list of mappings, not empty and at most `maximumCount` long, each holding these keys and the `required`
    /// ones; the first key names the item, and no two items may share a name.
    case rows([(key: String, value: ExperimentValue)], required: [String], maximumCount: Int)
    /// Keys of their own, in the order they are documented.
    case section([(key: String, value: ExperimentValue)])
}
