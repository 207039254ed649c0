/// The single table of routes and the roles each allows: every service's group, each
/// route declared once beside its OpenAPI description. Adding a service adds its group here.
public enum RouteCatalogue {
    /// Every route, in registration order.
    public static let all: [RouteSpec] = SharedRoutes.all + OutpatientRoutes.all + TransportRoutes.all + FHIRRoutes.all
}
