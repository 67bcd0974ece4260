extension DatasetOptions {
    /// The imported file `--dataset` reads, for `OutputRule`; none for a built-in dataset.
    var inputFiles: [(option: String, path: String?)] {
        guard case .imported(let path) = dataset else { return [] }
        return [("--dataset", path)]
    }
}
