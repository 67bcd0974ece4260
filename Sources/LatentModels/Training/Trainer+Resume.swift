import LatentNN

extension Trainer {
    /// Continues the run that wrote `checkpoint`: restores the weights, the frozen set, the random layers' and the
    /// loss's generators, the optimizer, the learning-rate schedule's step, the early-stopping counters, the epoch
    /// count and the metrics log up to that epoch, so that `fit` goes on exactly as the uninterrupted run would have.
    ///
    /// A checkpoint that cannot be continued exactly is refused before anything changes: one without training state,
    /// optimizer state or the generators of the model's random layers, of another model, frozen set, random layers
    /// or optimizer, from a run with other metadata, seed or batch size, or one that has already trained
    /// `options.epochs` epochs.
    public func resume(from checkpoint: Checkpoint) throws {
        let file = checkpoint.source ?? "the checkpoint"
        func refuse(_ reason: String) -> TrainingError { .cannotResume(checkpoint: file, reason: reason) }
        guard let state = checkpoint.training else {
            throw refuse(
                "it holds no training state (an encoder, a model saved outside training, or a file of an "
                    + "older Latent), so the run cannot go on exactly")
        }
        // Counts the run goes on adding to: a damaged file must not make them overflow.
        guard state.epochsWithoutImprovement <= checkpoint.epoch, state.step <= Trainer.mostSteps else {
            throw refuse(
                "its training state is damaged (\(state.step) updates and \(state.epochsWithoutImprovement) "
                    + "epochs without improvement at epoch \(checkpoint.epoch))")
        }
        for (key, value) in checkpointMetadata.sorted(by: { $0.key < $1.key }) where checkpoint.metadata[key] != value {
            let recorded = checkpoint.metadata[key].map { "\(key) \($0)" } ?? "no \(key)"
            throw refuse("the run that wrote it recorded \(recorded); this run asks \(key) \(value)")
        }
        // A setting recorded only when not at its default: the run that wrote it asked for it, and this run must too.
        for key in TrainingSettings.metadataKeysLeftOutAtDefault where checkpointMetadata[key] == nil {
            if let recorded = checkpoint.metadata[key] {
                throw refuse("the run that wrote it recorded \(key) \(recorded); this run asks no \(key)")
            }
        }
        guard checkpoint.architecture == model.spec else {
            throw refuse(
                "it holds another architecture than the model this run builds; give the options of the run "
                    + "that wrote it")
        }
        guard checkpoint.seed == options.seed else {
            throw refuse("the run that wrote it used seed \(checkpoint.seed); this run asks seed \(options.seed)")
        }
        guard state.batchSize == options.batchSize else {
            throw refuse("the run that wrote it used batches of \(state.batchSize); this run asks \(options.batchSize)")
        }
        if let frozen = checkpoint.frozen, Set(frozen) != Set(model.frozenParameterNames) {
            throw refuse(
                "it freezes " + Trainer.list(frozen) + "; this run's model freezes "
                    + Trainer.list(model.frozenParameterNames))
        }
        if let generators = checkpoint.generators, Set(generators.keys) != Set(model.namedGenerators.keys) {
            throw refuse(
                "it holds the generators of " + Trainer.list(generators.keys.sorted())
                    + "; this run's model has " + Trainer.list(model.namedGenerators.keys.sorted()))
        }
        if let optimizerState = checkpoint.optimizer, let misfit = misfit(of: optimizerState) {
            throw refuse(misfit)
        }
        // Without them the run would go on, but not as the uninterrupted one: Adam's moments from zero, dropout's
        // masks from the seed again.
        guard let optimizerState = checkpoint.optimizer else {
            throw refuse("it holds no optimizer state (/optimizer), so the optimizer would start again from zero")
        }
        if checkpoint.generators == nil, !model.namedGenerators.isEmpty {
            throw refuse(
                "it holds no generators (/generators) for the random layers "
                    + Trainer.list(model.namedGenerators.keys.sorted()) + ", so they would start again from the seed")
        }
        guard checkpoint.epoch < options.epochs else {
            throw refuse(
                "it already holds epoch \(checkpoint.epoch), and this run stops at epoch \(options.epochs); "
                    + "ask for more epochs to continue it")
        }
        try checkpoint.restoreAll(into: model)
        try optimizer.restore(optimizerState)
        restore(state, epoch: checkpoint.epoch)
    }

    /// Why `state` cannot drive this trainer's optimizer, or `nil` when it can. The optimizer updates each parameter
    /// through its slots element by element, so a slot of another shape than its parameter must never reach it.
    private func misfit(of state: OptimizerState) -> String? {
        let kind = optimizer.state.kind
        guard state.kind == kind else { return "its optimizer is \(state.kind); this run's is \(kind)" }
        guard state.step >= 0, state.step <= Trainer.mostSteps else {
            return "its optimizer step is \(state.step), not between 0 and \(Trainer.mostSteps)"
        }
        let shapes = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.tensor.shape) })
        for (key, shape) in state.shapes.sorted(by: { $0.key < $1.key }) {
            let parameter = String(key.drop { $0 != "/" }.dropFirst())
            guard let expected = shapes[parameter] else {
                return "its optimizer slot \(key) belongs to no parameter of the model"
            }
            guard shape == expected else {
                return "its optimizer slot \(key) has shape \(shape); the parameter \(parameter) has \(expected)"
            }
        }
        return nil
    }

    /// More updates than any run makes (2^53, where a Double stops counting by ones).
    static let mostSteps = 1 << 53

    /// "nothing", or the names, the first few of a long list.
    private static func list(_ names: [String]) -> String {
        guard !names.isEmpty else { return "nothing" }
        let shown = names.prefix(4).joined(separator: ", ")
        return names.count > 4 ? shown + " and \(names.count - 4) more" : shown
    }
}
