import LatentCore

extension Layer {
    /// The dotted names of the parameters that `freeze(prefix:)` stopped, in the model's order.
    public var frozenParameterNames: [String] { namedParameters.filter { !$0.tensor.requiresGrad }.map(\.name) }

    /// Freezes exactly the parameters named in `frozen` and lets every other one train; a name that is not one of
    /// this model's parameters is refused before anything changes.
    public func setFrozenParameters(_ frozen: [String]) throws {
        let parameters = namedParameters
        let unknown = Set(frozen).subtracting(parameters.map(\.name)).sorted()
        guard unknown.isEmpty else {
            throw LatentError("frozen parameters that are not in the model: " + unknown.joined(separator: ", "))
        }
        let frozenSet = Set(frozen)
        for parameter in parameters {
            parameter.tensor.requiresGrad = !frozenSet.contains(parameter.name)
            if !parameter.tensor.requiresGrad { parameter.tensor.zeroGrad() }
        }
    }
}
