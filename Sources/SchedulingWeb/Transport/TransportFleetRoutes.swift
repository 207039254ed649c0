import SchedulingDomain
import SchedulingServices

/// The routes of a cluster's contracts and its fleet (PT-02): contracts by code, vehicles with
/// their periods off the road, crews' training, and the fleet page, each with its roles.
extension TransportRoutes {
    static let apiClustersList = RouteSpec(
        method: .get, path: "/api/v1/transport/clusters", access: office, kind: .api, operationID: "listTransportClusters",
        summary: "The clusters, the first (main) first: each operations centre's contracts and vehicles, planned, re-planned and reported as a day of its own.",
        operation: .init(responses: [("200", "The clusters.", "TransportClusterList", .json)]))

    static let apiClusterSave = RouteSpec(
        method: .put, path: "/api/v1/transport/clusters/:code", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "saveTransportCluster",
        summary: "Add the cluster with this code, or rename it (transport managers; audited); contracts and vehicles then name it in clusterID.",
        operation: .init(requestSchema: "TransportClusterInput",
                         responses: [("200", "Stored: every cluster, the first first.", "TransportClusterList", .json),
                                     ("422", "A rule broken, by field (a name another cluster has, more than 10 clusters).", "Problem", .problem)]))

    static let apiClusterRemove = RouteSpec(
        method: .delete, path: "/api/v1/transport/clusters/:code", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "removeTransportCluster",
        summary: "Remove a cluster no contract or vehicle is in (audited); the first cluster stays.",
        operation: .init(responses: [("200", "Removed: every cluster left.", "TransportClusterList", .json), ("404", "No such cluster.", "Problem", .problem),
                                     ("409", "The first cluster, or one contracts or vehicles are in.", "Problem", .problem)]))

    static let apiShiftSplit = RouteSpec(
        method: .post, path: "/api/v1/transport/shifts/:id/split", access: office, kind: .api, operationID: "splitTransportShift",
        summary: "Carry a shift on after its vehicle's period off the road within its hours (back from the workshop): the shift then ends when the period starts, and a new shift on the same vehicle, with the same crew and base, starts when it ends (audited).",
        operation: .init(responses: [("201", "Split: the shift before the period and the new one after it.", "VehicleShiftList", .json),
                                     ("404", "No such shift.", "Problem", .problem),
                                     ("409", "No period off the road within the shift, or a day gone by.", "Problem", .problem)]))

    static let shiftSplitSubmit = RouteSpec(
        method: .post, path: "/transport/day/shift-splits", access: office, kind: .page, operationID: "submitShiftSplit",
        summary: "From the day board: carry a shift on after its vehicle's repair (a second shift on the same vehicle, same crew).",
        operation: .init(requestSchema: "ShiftSplitForm", requestMedia: .form,
                         responses: [("303", "Split: back to the board.", nil, .html), ("404", "No such shift.", nil, .html),
                                     ("409", "The board again with the reason.", nil, .html)]))

    static let apiClinicListAddressSet = RouteSpec(
        method: .put, path: "/api/v1/transport/clinic-lists/:siteId/address", access: .roles(TransportBookingService.contractRoles), kind: .api,
        operationID: "setClinicListAddress",
        summary: "Set the email address a site's clinic lists are sent to (transport managers; audited); without one the gateway addresses them by the site.",
        operation: .init(requestSchema: "ClinicListAddress",
                         responses: [("200", "Set.", "ClinicListAddress", .json), ("404", "No such site.", "Problem", .problem)]))

    static let apiClinicListAddressRemove = RouteSpec(
        method: .delete, path: "/api/v1/transport/clinic-lists/:siteId/address", access: .roles(TransportBookingService.contractRoles), kind: .api,
        operationID: "removeClinicListAddress",
        summary: "Remove a site's clinic-list email address (transport managers; audited).",
        operation: .init(responses: [("204", "Removed.", nil, .json), ("404", "No such site.", "Problem", .problem)]))

    static let clinicListAddressSubmit = RouteSpec(
        method: .post, path: "/transport/clinic-list/address", access: .roles(TransportBookingService.contractRoles), kind: .page,
        operationID: "submitClinicListAddress",
        summary: "Set or remove, from the clinic list page, the email address the site's clinic lists are sent to (transport managers; audited).",
        operation: .init(requestSchema: "ClinicListAddressForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the list.", nil, .html), ("404", "No such site.", nil, .html),
                                     ("422", "The list again, the error beside the field.", nil, .html)]))

    static let apiContractsList = RouteSpec(
        method: .get, path: "/api/v1/transport/contracts", access: office, kind: .api, operationID: "listTransportContracts",
        summary: "The cluster's contracts, the lead first: a journey naming no contract is under the lead, and the lead's fleet cost per km is the fleet's.",
        operation: .init(responses: [("200", "The contracts.", "TransportContractList", .json)]))

    static let apiContractSave = RouteSpec(
        method: .put, path: "/api/v1/transport/contracts/:code", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "saveTransportContract",
        summary: "Add the contract with this code, or change it (transport managers; audited): journeys may then name it, and plans hold them to its standards.",
        operation: .init(requestSchema: "TransportContract",
                         responses: [("200", "Stored: every contract, the lead first.", "TransportContractList", .json),
                                     ("422", "A rule broken, by field (a code another contract has, more than 20 contracts).", "Problem", .problem)]))

    static let apiContractRemove = RouteSpec(
        method: .delete, path: "/api/v1/transport/contracts/:code", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "removeTransportContract",
        summary: "Remove a contract no journey names (audited); the lead contract stays.",
        operation: .init(responses: [("200", "Removed: every contract left.", "TransportContractList", .json), ("404", "No such contract.", "Problem", .problem),
                                     ("409", "The lead contract, or a contract journeys name.", "Problem", .problem)]))

    static let apiVehiclesList = RouteSpec(
        method: .get, path: "/api/v1/transport/vehicles", access: office, kind: .api, operationID: "listTransportVehicles",
        summary: "The fleet on record: each vehicle's call sign, space, base and periods off the road.",
        operation: .init(responses: [("200", "The fleet.", "TransportVehicleList", .json)]))

    static let apiVehicleSave = RouteSpec(
        method: .put, path: "/api/v1/transport/vehicles/:code", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "saveTransportVehicle",
        summary: "Add the vehicle with this code, or change it (transport managers; audited). Shifts added afterwards may name it; shifts made already keep what they copied.",
        operation: .init(requestSchema: "TransportVehicle",
                         responses: [("200", "Stored: the fleet.", "TransportVehicleList", .json),
                                     ("422", "A rule broken, by field (a call sign another vehicle has, a base not on record).", "Problem", .problem)]))

    static let apiVehicleRemove = RouteSpec(
        method: .delete, path: "/api/v1/transport/vehicles/:code", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "removeTransportVehicle",
        summary: "Remove a vehicle from the fleet (audited); shifts made on it keep what they copied.",
        operation: .init(responses: [("200", "Removed: the fleet left.", "TransportVehicleList", .json), ("404", "No such vehicle.", "Problem", .problem)]))

    static let apiVehicleOffRoad = RouteSpec(
        method: .post, path: "/api/v1/transport/vehicles/:code/off-road", access: .roles(TransportBookingService.contractRoles), kind: .api,
        operationID: "takeTransportVehicleOffRoad",
        summary: "Take a vehicle off the road for a period (a service, an MOT, a repair; audited): its shifts lose that time when their day is planned. Answers the shifts on record it cuts.",
        operation: .init(requestSchema: "OffRoadPeriod",
                         responses: [("201", "Recorded.", "OffRoadResult", .json), ("404", "No such vehicle.", "Problem", .problem),
                                     ("422", "A rule broken, by field (to before from, no reason).", "Problem", .problem)]))

    static let apiVehicleOnRoad = RouteSpec(
        method: .delete, path: "/api/v1/transport/vehicles/:code/off-road/:index", access: .roles(TransportBookingService.contractRoles), kind: .api,
        operationID: "endTransportVehicleOffRoad",
        summary: "Put a vehicle back on the road: remove its period off the road number {index} (from 1, as listed; audited).",
        operation: .init(responses: [("200", "Removed: the vehicle.", "TransportVehicle", .json), ("404", "No such vehicle or period.", "Problem", .problem)]))

    static let apiCrewList = RouteSpec(
        method: .get, path: "/api/v1/transport/crew", access: office, kind: .api, operationID: "listTransportCrew",
        summary: "The crew members (the crew role) by name, with what each is trained for (absent: not on record).",
        operation: .init(responses: [("200", "The crews.", "CrewMemberList", .json)]))

    static let apiCrewSkills = RouteSpec(
        method: .put, path: "/api/v1/transport/crew/:userId/skills", access: .roles(TransportBookingService.contractRoles), kind: .api,
        operationID: "setCrewSkills",
        summary: "Record what a crew member is trained for (transport managers; audited). Once every member of a shift's crew is on record, a stretcher patient travels only with two trained for stretchers, a bariatric patient only with a crew all trained for it.",
        operation: .init(requestSchema: "CrewSkills",
                         responses: [("200", "Recorded.", "CrewMember", .json), ("404", "No such crew member.", "Problem", .problem)]))

    static let fleetPage = RouteSpec(
        method: .get, path: "/transport/fleet", access: office, kind: .page, operationID: "showTransportFleet",
        summary: "The fleet: each vehicle's space, base and periods off the road; managers add, change and remove vehicles and take them off the road.",
        operation: .init(query: [("saved", "What was just saved (vehicle, removed, offRoad, onRoad).", false, "string"),
                                 ("cut", "How many shifts on record the period just recorded cuts.", false, "integer"),
                                 ("vehicle", "A vehicle's code: the vehicle form shows it to change.", false, "string")],
                         responses: [("200", "The page.", nil, .html)]))

    static let fleetVehicleSubmit = RouteSpec(
        method: .post, path: "/transport/fleet/vehicles", access: .roles(TransportBookingService.contractRoles), kind: .page, operationID: "submitTransportVehicle",
        summary: "Add, change or remove a vehicle (transport managers; audited).",
        operation: .init(requestSchema: "TransportVehicleForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page.", nil, .html), ("404", "No such vehicle to remove.", nil, .html),
                                     ("422", "The form again, each error beside its field.", nil, .html)]))

    static let fleetOffRoadSubmit = RouteSpec(
        method: .post, path: "/transport/fleet/off-road", access: .roles(TransportBookingService.contractRoles), kind: .page, operationID: "submitOffRoad",
        summary: "Take a vehicle off the road for a period, or put it back for one (end=code#n; transport managers; audited).",
        operation: .init(requestSchema: "OffRoadForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page, saying how many shifts on record it cuts.", nil, .html),
                                     ("404", "No such vehicle or period.", nil, .html), ("422", "The form again, each error beside its field.", nil, .html)]))

    static let fleetCrewSubmit = RouteSpec(
        method: .post, path: "/transport/fleet/crew", access: .roles(TransportBookingService.contractRoles), kind: .page, operationID: "submitCrewSkills",
        summary: "Record what a crew member is trained for (transport managers; audited).",
        operation: .init(requestSchema: "CrewSkillsForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page.", nil, .html), ("404", "No such crew member.", nil, .html)]))
}
