import LatentCore
import LatentData
import LatentNN

extension Autoencoder {
    /// The model as an adversarial autoencoder, when it has a discriminator beside its encoder and decoder.
    public var adversarial: AdversarialAutoencoder? { model as? AdversarialAutoencoder }

    /// The discriminator's objective: binary cross-entropy of its logits with prior draws labelled 1 and the encoder's
    /// codes labelled 0, the two means added (PyTorch's `BCEWithLogitsLoss` on each).
    ///
    /// - Parameters:
    ///   - discriminator: maps codes (N, code) to logits (N, 1).
    ///   - prior: draws from N(0, I), (N, code).
    ///   - codes: the encoder's codes, (M, code).
    public static func discriminatorLoss(_ discriminator: any Layer, prior: Tensor, codes: Tensor) -> Tensor {
        let (real, fake) = (discriminator(prior), discriminator(codes))
        return Loss.binaryCrossEntropy(logits: real, targets: Tensor(repeating: 1, shape: real.shape))
            + Loss.binaryCrossEntropy(logits: fake, targets: Tensor(zeros: fake.shape))
    }

    /// The encoder's adversarial objective: binary cross-entropy of the discriminator's logits on the codes labelled 1,
    /// low when it takes them for prior draws (the non-saturating form Makhzani et al. train with).
    ///
    /// - Parameters:
    ///   - discriminator: maps codes (N, code) to logits (N, 1).
    ///   - codes: the encoder's codes, (N, code).
    public static func generatorLoss(_ discriminator: any Layer, codes: Tensor) -> Tensor {
        let verdict = discriminator(codes)
        return Loss.binaryCrossEntropy(logits: verdict, targets: Tensor(repeating: 1, shape: verdict.shape))
    }

    /// A trainer for this model under `options`: for an adversarial autoencoder, one whose optimizer also holds the
    /// discriminator's and the generator phase's, and which runs the regularisation phase after each reconstruction
    /// step; throws for a data-parallel job, whose processes would each train their own discriminator.
    func makeTrainer(optimizer: any Optimizer, options: TrainingOptions) throws -> Trainer {
        guard let adversarial else { return Trainer(model: model, optimizer: optimizer, options: options) }
        if let job = options.job, job.size > 1 {
            throw LatentError(
                "an adversarial autoencoder trains in one process: its discriminator's steps are not averaged "
                    + "across the \(job.size) processes of this job")
        }
        let phases = AdversarialOptimizer(autoencoder: optimizer, regularisationWeight: adversarialWeight)
        let trainer = Trainer(model: model, optimizer: phases, options: options)
        trainer.afterStep = { batch, generator in
            Self.regularise(adversarial, on: batch.images, optimizer: phases, using: &generator)
        }
        return trainer
    }

    /// The regularisation phase on one batch (Makhzani et al. 2016): the discriminator learns to tell prior draws
    /// from the codes of `images`, then the encoder learns to pass its codes off as prior draws (both steps weighted by
    /// lambda through the optimizer's learning rates). The prior draws come from `generator`, the trainer's, which checkpoints save.
    static func regularise(
        _ model: AdversarialAutoencoder, on images: Tensor, optimizer: AdversarialOptimizer,
        using generator: inout SeededGenerator
    ) {
        let parameters = model.trainableParameters
        model.zeroGradients()
        let codes = GradientMode.withoutGradients { model.encoder(images) }
        let prior = Tensor.normal(codes.shape, using: &generator)
        discriminatorLoss(model.discriminator, prior: prior, codes: codes).backward()
        optimizer.discriminator.step(parameters.filter { $0.name.hasPrefix(AdversarialOptimizer.discriminatorPrefix) })

        model.zeroGradients()
        generatorLoss(model.discriminator, codes: model.encoder(images)).backward()
        optimizer.generator.step(parameters.filter { $0.name.hasPrefix("encoder.") })
        model.zeroGradients()
    }
}
