import Hummingbird

/// Answers what the router does not: a path the service has, asked with another method, gets 405 with the methods it
/// allows (`Allow`); any other path gets 404. Both with a JSON `{"error": "..."}`, as every other refusal has.
struct UnknownRoutes: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            guard let allowed = SearchRoutes.methods(at: path) else {
                return SearchRoutes.refusal(.notFound, "no such page: \(path) (see GET / for the service's routes)")
            }
            var response = SearchRoutes.refusal(
                .methodNotAllowed, "\(path) answers \(allowed), not \(request.method.rawValue)")
            response.headers[.allow] = allowed
            return response
        }
    }
}
