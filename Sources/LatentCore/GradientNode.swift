/// The record of one operation: its inputs and how to push a gradient back into them.
///
/// `backward` receives the output and its gradient from the engine, so it never holds its
/// own output (that would be a reference cycle, which ARC never frees). It returns one
/// gradient per input, `nil` for inputs that need none.
package struct GradientNode {
    package let inputs: [Tensor]
    package let backward: (_ output: Tensor, _ outputGradient: Tensor) -> [Tensor?]
}

extension Tensor {
    /// Attaches `backward` to `output` when gradients are on and some input needs one.
    ///
    /// When no input needs a gradient nothing is recorded, so frozen layers cost no backward work.
    package static func record(
        _ output: Tensor, inputs: [Tensor],
        backward: @escaping (_ output: Tensor, _ outputGradient: Tensor) -> [Tensor?]
    ) -> Tensor {
        guard GradientMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return output }
        output.requiresGrad = true
        output.gradientNode = GradientNode(inputs: inputs, backward: backward)
        return output
    }
}
