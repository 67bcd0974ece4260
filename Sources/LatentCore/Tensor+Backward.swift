extension Tensor {
    /// Computes the gradient of this scalar with respect to every tensor it depends on
    /// that needs one, adds it to their `grad`, and frees the recorded graph.
    ///
    /// A freed graph cannot be walked again: a second `backward()` that reaches a tensor whose
    /// record an earlier one freed stops, as in PyTorch, instead of treating it as a leaf.
    public func backward() {
        precondition(count == 1, "backward() needs a scalar (one element), got shape \(shape)")
        precondition(
            requiresGrad,
            "backward() on a tensor that needs no gradient: no input of it has requiresGrad set, "
                + "or it was computed without gradients")

        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): Tensor(repeating: 1, shape: shape)]
        GradientMode.withoutGradients {
            for tensor in topologicalOrder().reversed() {
                guard var gradient = pending.removeValue(forKey: ObjectIdentifier(tensor)) else { continue }
                guard let node = tensor.gradientNode else {
                    tensor.accumulateGradient(&gradient)
                    continue
                }
                let inputGradients = node.backward(tensor, gradient)
                for (input, inputGradient) in zip(node.inputs, inputGradients) {
                    guard input.requiresGrad, let inputGradient else { continue }
                    let key = ObjectIdentifier(input)
                    // A new tensor, not an in-place sum: a backward may hand the same tensor to two inputs.
                    pending[key] = pending[key].map { $0 + inputGradient } ?? inputGradient
                }
                tensor.gradientNode = nil
                tensor.graphFreed = true
            }
        }
    }

    /// Inputs before the outputs that use them; iterative, so deep graphs cannot overflow the stack.
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = []
        var stack: [(tensor: Tensor, inputsDone: Bool)] = [(self, false)]
        while let (tensor, inputsDone) = stack.popLast() {
            if inputsDone {
                order.append(tensor)
                continue
            }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            precondition(
                !tensor.graphFreed,
                "backward() through a graph that an earlier backward() already freed: "
                    + "a tensor of shape \(tensor.shape) was computed before that call; compute the loss again")
            stack.append((tensor, true))
            for input in tensor.gradientNode?.inputs ?? [] where input.requiresGrad {
                if !visited.contains(ObjectIdentifier(input)) { stack.append((input, false)) }
            }
        }
        return order
    }

    /// Adds `gradient` to `grad`. A first gradient that nothing else holds (neither the tensor nor its storage:
    /// a backward may hand one tensor to two inputs, or a view of it) becomes `grad` without a copy.
    private func accumulateGradient(_ gradient: inout Tensor) {
        precondition(gradient.shape == shape, "gradient of shape \(gradient.shape) for a tensor of shape \(shape)")
        if let grad {
            grad.addInPlace(gradient)
        } else if isKnownUniquelyReferenced(&gradient) && isKnownUniquelyReferenced(&gradient.storage) {
            grad = gradient
        } else {
            grad = gradient.copy()
        }
    }

    /// Forgets the accumulated gradient.
    public func zeroGrad() { grad = nil }
}
