import SchedulingDomain
import SchedulingServices

/// The patient transport routes (PT-01 … PT-07): the contract, journey bookings, vehicle shifts,
/// plan jobs and their commit, committed plans, run sheets, and the transport pages, each with
/// its roles (the transport office; a crew member their own run sheets only).
enum TransportRoutes {
    static let office = Access.roles(TransportBookingService.officeRoles)
    static let sheetReaders = Access.roles(RunSheetService.readers)
    static let dateQuery: [OpenAPIOperation.Query] = [("date", "The day (YYYY-MM-DD).", true, .date)]

    static let apiContractRead = RouteSpec(
        method: .get, path: "/api/v1/transport/contract", access: office, kind: .api, operationID: "getTransportContract",
        summary: "The transport contract's terms: service standards (per mobility category where they differ) and prices.",
        operation: .init(responses: [("200", "The contract.", "TransportContract", .json)]))

    static let apiContractSet = RouteSpec(
        method: .put, path: "/api/v1/transport/contract", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "setTransportContract",
        summary: "Set the contract's terms (audited); plans made afterwards use them.",
        operation: .init(requestSchema: "TransportContract", responses: [("200", "Stored.", "TransportContract", .json)]))

    static let apiJourneysCreate = RouteSpec(
        method: .post, path: "/api/v1/transport/journeys", access: office, kind: .api, operationID: "bookTransportJourney",
        summary: "Book a journey (both: there and back, two journeys), checked against the day's vehicles: a category none can carry, or an appointment none can reach in time, is refused.",
        operation: .init(requestSchema: "JourneyInput", responses: [("201", "Booked.", "TransportJourneyList", .json)]))

    static let apiJourneysImport = RouteSpec(
        method: .post, path: "/api/v1/transport/journeys/import", access: office, kind: .api, operationID: "importTransportJourneys",
        summary: "Import journey bookings from CSV (text/csv: a header row naming nhs_number, date, direction, time, site, mobility and optionally return_time, ecj, urgent and bariatric (yes/no), escorts, eligibility, notes and contract (a code; else the contract serving the site)), each checked as a booking; all or nothing.",
        operation: .init(requestSchema: "JourneyCSV", requestMedia: .csv,
                         responses: [("201", "Every booking is stored.", "JourneyImportResult", .json),
                                     ("422", "Problems by row and column; nothing was stored.", "Problem", .problem)]), lane: .heavy)

    static let apiJourneysList = RouteSpec(
        method: .get, path: "/api/v1/transport/journeys", access: office, kind: .api, operationID: "listTransportJourneys",
        summary: "A day's journeys, by time.",
        operation: .init(query: dateQuery, responses: [("200", "The journeys.", "TransportJourneyList", .json)]))

    static let apiJourneyRead = RouteSpec(
        method: .get, path: "/api/v1/transport/journeys/:id", access: office, kind: .api, operationID: "getTransportJourney",
        summary: "One journey.",
        operation: .init(responses: [("200", "The journey.", "TransportJourney", .json), ("404", "No such journey.", "Problem", .problem)]))

    static let apiJourneyCancel = RouteSpec(
        method: .post, path: "/api/v1/transport/journeys/:id/cancellation", access: office, kind: .api, operationID: "cancelTransportJourney",
        summary: "Cancel a journey not yet under way, with a reason (audited).",
        operation: .init(requestSchema: "JourneyCancellation",
                         responses: [("200", "Cancelled.", "TransportJourney", .json), ("404", "No such journey.", "Problem", .problem),
                                     ("409", "The journey is under way or over.", "Problem", .problem)]))

    static let apiShiftsCreate = RouteSpec(
        method: .post, path: "/api/v1/transport/shifts", access: office, kind: .api, operationID: "addVehicleShift",
        summary: "Add a vehicle shift: a vehicle, its space, its crew of one or two (by user id) for a day, with the crew's break.",
        operation: .init(requestSchema: "ShiftInput", responses: [("201", "Added.", "VehicleShift", .json)]))

    static let apiShiftsList = RouteSpec(
        method: .get, path: "/api/v1/transport/shifts", access: office, kind: .api, operationID: "listVehicleShifts",
        summary: "A day's vehicle shifts, by start.",
        operation: .init(query: dateQuery, responses: [("200", "The shifts.", "VehicleShiftList", .json)]))

    static let apiPlanJobsCreate = RouteSpec(
        method: .post, path: "/api/v1/transport/plan-jobs", access: office, kind: .api, operationID: "startTransportPlan",
        summary: "Plan a day in the background (with breakdown: re-plan its committed plan from a time; with edit: move journeys by hand in a plan job's plan or the committed plan, timed in evaluate-only mode with every rule it breaks): 202 with the job and its Location.",
        operation: .init(requestSchema: "TransportPlanRequest", responses: [("202", "Queued.", "SolveJob", .json),
                                                                            ("404", "The plan job to edit does not exist.", "Problem", .problem),
                                                                            ("409", "The plan job to edit has no plan yet, or the day changed since it was made.", "Problem", .problem)]),
        lane: .heavy)

    static let apiPlanJobRead = RouteSpec(
        method: .get, path: "/api/v1/transport/plan-jobs/:id", access: office, kind: .api, operationID: "getTransportPlanJob",
        summary: "A plan job: status, progress, the best cost so far in its note, and when done the proposed plan (result: TransportPlanProposal).",
        operation: .init(responses: [("200", "The job.", "SolveJob", .json), ("404", "No such plan job.", "Problem", .problem)]))

    static let apiPlanJobCancel = RouteSpec(
        method: .delete, path: "/api/v1/transport/plan-jobs/:id", access: office, kind: .api, operationID: "cancelTransportPlanJob",
        summary: "Cancel a plan job (a running one keeps its best plan so far).",
        operation: .init(responses: [("200", "The job as it now is.", "SolveJob", .json), ("404", "No such plan job.", "Problem", .problem),
                                     ("409", "The job has finished.", "Problem", .problem)]))

    static let apiPlanJobCommit = RouteSpec(
        method: .post, path: "/api/v1/transport/plan-jobs/:id/commit", access: office, kind: .api, operationID: "commitTransportPlan",
        summary: "Commit a plan job's plan as the day's plan: its journeys become planned. 409 if the day changed after the plan was made, or another commit came first.",
        operation: .init(responses: [("200", "Committed.", "CommittedTransportPlan", .json), ("404", "No such plan job.", "Problem", .problem),
                                     ("409", "No plan yet, a plan that failed its checks, or a day that changed since.", "Problem", .problem)]))

    static let apiPlanRead = RouteSpec(
        method: .get, path: "/api/v1/transport/plans/:date", access: office, kind: .api, operationID: "getTransportPlan",
        summary: "A cluster's day's committed plan with its indicators.",
        operation: .init(query: [clusterQuery], responses: [("200", "The plan.", "CommittedTransportPlan", .json), ("404", "No plan is committed for the day.", "Problem", .problem),
                                     ("422", "Not a date.", "Problem", .problem)]))

    static let apiRunSheets = RouteSpec(
        method: .get, path: "/api/v1/transport/run-sheets", access: sheetReaders, kind: .api, operationID: "listRunSheets",
        summary: "Run sheets for a day (today by default): a crew member's own shifts, every shift for the transport office.",
        operation: .init(query: [("date", "The day (YYYY-MM-DD; default today).", false, .date)], responses: [("200", "The run sheets.", "RunSheetList", .json)]))

    static let apiRunSheetRead = RouteSpec(
        method: .get, path: "/api/v1/transport/run-sheets/:shiftId", access: sheetReaders, kind: .api, operationID: "getRunSheet",
        summary: "One shift's run sheet (a crew member: only a shift they work).",
        operation: .init(responses: [("200", "The run sheet.", "RunSheet", .json), ("404", "No such run sheet for this user.", "Problem", .problem)]))

    static let apiRunSheetCalendar = RouteSpec(
        method: .get, path: "/api/v1/transport/run-sheets/:shiftId/calendar", access: sheetReaders, kind: .api, operationID: "getRunSheetCalendar",
        summary: "One shift's run sheet as an iCalendar feed (text/calendar, RFC 5545): an event per stop, UIDs stable across re-plans.",
        operation: .init(responses: [("200", "The calendar.", nil, .calendar), ("404", "No such run sheet for this user.", "Problem", .problem)]))

    static let apiJourneyEvent = RouteSpec(
        method: .post, path: "/api/v1/transport/journeys/:id/events", access: sheetReaders, kind: .api, operationID: "recordJourneyEvent",
        summary: "Record what happened at a stop: arrived, picked up, delivered, or aborted with an incident note (a crew member: only on their own run).",
        operation: .init(requestSchema: "JourneyEventInput",
                         responses: [("200", "Recorded.", "TransportJourney", .json), ("404", "No such journey on the caller's runs.", "Problem", .problem),
                                     ("409", "The journey is not at that point (e.g. delivered before it was picked up).", "Problem", .problem)]))

    static let apiCallList = RouteSpec(
        method: .get, path: "/api/v1/transport/call-list", access: office, kind: .api, operationID: "getConfirmationCallList",
        summary: "The day-before confirmation call list: journeys not yet under way, those still to confirm first (fewest calls first), then by time.",
        operation: .init(query: dateQuery, responses: [("200", "The journeys.", "TransportJourneyList", .json)]))

    static let apiCallRecord = RouteSpec(
        method: .post, path: "/api/v1/transport/journeys/:id/confirmation-calls", access: office, kind: .api, operationID: "recordConfirmationCall",
        summary: "Record a confirmation call: confirmed, declined (the journey is cancelled) or no answer (audited).",
        operation: .init(requestSchema: "ConfirmationCall",
                         responses: [("200", "Recorded.", "TransportJourney", .json), ("404", "No such journey.", "Problem", .problem),
                                     ("409", "The journey is under way or over.", "Problem", .problem)]))

    static let manager = Access.roles(TransportPlanService.managerRoles)

    static let apiProvidersRead = RouteSpec(
        method: .get, path: "/api/v1/transport/providers", access: office, kind: .api, operationID: "listThirdPartyProviders",
        summary: "The third-party providers: price per journey by mobility category, daily limit.",
        operation: .init(responses: [("200", "The providers.", "ThirdPartyProviderList", .json)]))

    static let apiProvidersSet = RouteSpec(
        method: .put, path: "/api/v1/transport/providers", access: manager, kind: .api, operationID: "setThirdPartyProviders",
        summary: "Set the third-party providers (transport managers; audited). Plans made afterwards offer them the journeys the fleet leaves out.",
        operation: .init(requestSchema: "ThirdPartyProviderList", responses: [("200", "Stored.", "ThirdPartyProviderList", .json)]))

    static let apiBasesRead = RouteSpec(
        method: .get, path: "/api/v1/transport/bases", access: office, kind: .api, operationID: "listTransportBases",
        summary: "The bases vehicles leave from and return to, by name and place.",
        operation: .init(responses: [("200", "The bases.", "TransportBaseList", .json)]))

    static let apiBasesSet = RouteSpec(
        method: .put, path: "/api/v1/transport/bases", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "setTransportBases",
        summary: "Set the bases (transport managers; audited). A shift added afterwards may name its base by id; shifts already made keep theirs.",
        operation: .init(requestSchema: "TransportBaseList", responses: [("200", "Stored.", "TransportBaseList", .json)]))

    static let apiMapTilesRead = RouteSpec(
        method: .get, path: "/api/v1/transport/map-tiles", access: office, kind: .api, operationID: "getMapTiles",
        summary: "The tile layer under the route maps, if one is set.",
        operation: .init(responses: [("200", "The layer.", "MapTiles", .json), ("404", "No tile layer is set: the maps draw routes alone.", "Problem", .problem)]))

    static let apiMapTilesSet = RouteSpec(
        method: .put, path: "/api/v1/transport/map-tiles", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "setMapTiles",
        summary: "Set the tile layer under the route maps: a URL template with {z}, {x} and {y}, and its attribution (transport managers; audited).",
        operation: .init(requestSchema: "MapTiles", responses: [("200", "Stored.", "MapTiles", .json)]))

    static let apiMapTilesRemove = RouteSpec(
        method: .delete, path: "/api/v1/transport/map-tiles", access: .roles(TransportBookingService.contractRoles), kind: .api, operationID: "removeMapTiles",
        summary: "Remove the tile layer: the maps draw routes alone again (audited).",
        operation: .init(responses: [("204", "Removed.", nil, .json)]))

    static let apiAuthorise = RouteSpec(
        method: .post, path: "/api/v1/transport/plan-jobs/:id/authorisation", access: manager, kind: .api, operationID: "authoriseThirdParty",
        summary: "Authorise every third-party journey a plan job proposes, at its provider's price (transport managers; audited). The plan may then commit.",
        operation: .init(responses: [("200", "The job's authorisations.", "ThirdPartyAuthorisationList", .json), ("404", "No such plan job.", "Problem", .problem),
                                     ("409", "No plan yet, or no third-party journeys in it.", "Problem", .problem)]))

    // MARK: Pages

    static let authorisationPage = RouteSpec(
        method: .get, path: "/transport/authorisations", access: manager, kind: .page, operationID: "showAuthorisationQueue",
        summary: "The transport manager's queue: plans whose third-party journeys await authorisation, with their costs.",
        operation: .init(responses: [("200", "The queue.", nil, .html)]))

    static let authoriseSubmit = RouteSpec(
        method: .post, path: "/transport/plan-jobs/:id/authorisation", access: manager, kind: .page, operationID: "submitAuthorisation",
        summary: "Authorise a plan's third-party journeys from its page.",
        operation: .init(requestSchema: "CSRFForm", requestMedia: .form,
                         responses: [("303", "Authorised: back to the plan.", nil, .html), ("404", "No such plan job.", nil, .html),
                                     ("409", "Nothing to authorise.", nil, .html)]))

    static let callListPage = RouteSpec(
        method: .get, path: "/transport/calls", access: office, kind: .page, operationID: "showConfirmationCalls",
        summary: "The day-before confirmation call list with the patients' phones and a button per outcome.",
        operation: .init(query: [("date", "The day (YYYY-MM-DD; default tomorrow).", false, .date)], responses: [("200", "The list.", nil, .html)]))

    static let callSubmit = RouteSpec(
        method: .post, path: "/transport/calls/journeys/:id", access: office, kind: .page, operationID: "submitConfirmationCall",
        summary: "Record a confirmation call's outcome from the list.",
        operation: .init(requestSchema: "ConfirmationCallForm", requestMedia: .form,
                         responses: [("303", "Recorded: back to the list.", nil, .html), ("404", "No such journey.", nil, .html),
                                     ("409", "The journey is under way or over.", nil, .html), ("422", "No outcome chosen.", nil, .html)]))

    static let dayPage = RouteSpec(
        method: .get, path: "/transport/day", access: office, kind: .page, operationID: "showTransportDay",
        summary: "The day board: vehicles as rows on a timeline, the route map, journeys left out with their reasons, the day's journeys and shifts.",
        operation: .init(query: [("date", "The day (YYYY-MM-DD; default tomorrow).", false, .date), clusterQuery, mapVehicleQuery],
                         responses: [("200", "The board.", nil, .html), ("422", "No cluster has that code.", nil, .html)]),
        lane: .heavy)

    static let clusterQuery: OpenAPIOperation.Query = ("cluster", "The cluster's code (default main, the first).", false, "string")

    static let mapVehicleQuery: OpenAPIOperation.Query = ("vehicle", "A vehicle shift whose route alone the map shows, its stops numbered.", false, "string")

    static let planSubmit = RouteSpec(
        method: .post, path: "/transport/day/plan-jobs", access: office, kind: .page, operationID: "submitTransportPlan",
        summary: "Start planning the day, or re-planning it after a breakdown.",
        operation: .init(requestSchema: "TransportPlanForm", requestMedia: .form,
                         responses: [("303", "Started: on to the job.", nil, .html), ("422", "Invalid input: the board again with the error.", nil, .html)]))

    static let planJobPage = RouteSpec(
        method: .get, path: "/transport/plan-jobs/:id", access: office, kind: .page, operationID: "showTransportPlanJob",
        summary: "A plan job: its progress while it runs, then the proposed plan on the board with a commit button.",
        operation: .init(query: [mapVehicleQuery], responses: [("200", "The job.", nil, .html), ("404", "No such plan job.", nil, .html)]), lane: .heavy)

    static let commitSubmit = RouteSpec(
        method: .post, path: "/transport/plan-jobs/:id/commit", access: office, kind: .page, operationID: "submitTransportCommit",
        summary: "Commit the proposed plan.",
        operation: .init(requestSchema: "CSRFForm", requestMedia: .form,
                         responses: [("303", "Committed: back to the day.", nil, .html), ("404", "No such plan job.", nil, .html),
                                     ("409", "The day changed since: the job again with the reason.", nil, .html)]))

    static let bookingPage = RouteSpec(
        method: .get, path: "/transport/journeys/new", access: office, kind: .page, operationID: "showJourneyBooking",
        summary: "The journey booking form.",
        operation: .init(query: [("date", "The day (YYYY-MM-DD).", false, .date)], responses: [("200", "The form.", nil, .html)]))

    static let bookingSubmit = RouteSpec(
        method: .post, path: "/transport/journeys", access: office, kind: .page, operationID: "submitJourneyBooking",
        summary: "Book a journey from the form.",
        operation: .init(requestSchema: "JourneyForm", requestMedia: .form,
                         responses: [("303", "Booked: on to the day.", nil, .html), ("422", "The form again, each error beside its field.", nil, .html)]))

    static let runSheetEventSubmit = RouteSpec(
        method: .post, path: "/transport/run-sheet/journeys/:id/events", access: sheetReaders, kind: .page, operationID: "submitJourneyEvent",
        summary: "Record arrived, picked up, delivered or aborted (with a note) from the run sheet, now.",
        operation: .init(requestSchema: "JourneyEventForm", requestMedia: .form,
                         responses: [("303", "Recorded: back to the run sheet.", nil, .html), ("404", "No such journey on the crew's runs.", nil, .html),
                                     ("409", "The journey is not at that point.", nil, .html), ("422", "No note for an aborted journey: the run sheet again with the error.", nil, .html)]))

    static let clinicListQuery: [OpenAPIOperation.Query] = [("date", "The day (YYYY-MM-DD; default today).", false, .date),
                                                             ("siteId", "The hospital site.", false, "string")]

    static let clinicListPage = RouteSpec(
        method: .get, path: "/transport/clinic-list", access: office, kind: .page, operationID: "showClinicList",
        summary: "A hospital site's clinic list for a day: who arrives when and in which mobility category, who goes home when (printable).",
        operation: .init(query: clinicListQuery + [("sent", "1: the list was just queued for the site.", false, "string"),
                                                   ("saved", "address: the site's address was just saved.", false, "string")],
                         responses: [("200", "The list.", nil, .html), ("404", "No such site.", nil, .html)]))

    static let clinicListCSV = RouteSpec(
        method: .get, path: "/transport/clinic-list.csv", access: office, kind: .page, operationID: "downloadClinicList",
        summary: "The clinic list as CSV.",
        operation: .init(query: clinicListQuery, responses: [("200", "The CSV file.", nil, .csv), ("404", "No such site.", nil, .html)]))

    static let clinicListSend = RouteSpec(
        method: .post, path: "/transport/clinic-list/send", access: office, kind: .page, operationID: "sendClinicList",
        summary: "Send a site's clinic list for a day to the site through the outbox (audited); back to the list, saying it is queued.",
        operation: .init(requestSchema: "ClinicListSendForm", requestMedia: .form,
                         responses: [("303", "Queued: back to the list.", nil, .html), ("404", "No such site.", nil, .html), ("422", "No site or no day.", nil, .html)]))

    static let apiClinicListSend = RouteSpec(
        method: .post, path: "/api/v1/transport/clinic-lists/:siteId/messages", access: office, kind: .api, operationID: "sendClinicListMessage",
        summary: "Send a site's clinic list for a day to the site through the outbox (audited): an email to the site, written now.",
        operation: .init(query: [("date", "The day (YYYY-MM-DD; default today).", false, .date)],
                         responses: [("202", "Queued.", "OutboxMessage", .json), ("404", "No such site.", "Problem", .problem)]))

    static let settingsPage = RouteSpec(
        method: .get, path: "/transport/settings", access: office, kind: .page, operationID: "showTransportSettings",
        summary: "The clusters, the contracts with their standards and prices, the fleet's cost per km, the third-party providers, the bases and the map's tile layer.",
        operation: .init(query: [("saved", "What was just saved (contract, contractRemoved, tiles, provider, removed, base, baseRemoved, cluster, clusterRemoved).", false, "string"),
                                 ("cluster", "A cluster's code: the cluster form shows it to rename.", false, "string"),
                                 ("contract", "A contract's code: the contract form shows it to change; new: an empty form to add one.", false, "string"),
                                 ("provider", "A provider's id: the provider form shows it to change.", false, "string"),
                                 ("base", "A base's id: the base form shows it to change.", false, "string")],
                         responses: [("200", "The page.", nil, .html)]))

    static let settingsContractSubmit = RouteSpec(
        method: .post, path: "/transport/settings/contract", access: .roles(TransportBookingService.contractRoles), kind: .page, operationID: "submitTransportContract",
        summary: "Change a contract's name, commissioner, hospitals, prices and standards (the first contract's also the fleet cost per km), add one, or remove one no journey names (transport managers; audited).",
        operation: .init(requestSchema: "TransportContractForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page.", nil, .html), ("404", "No such contract to remove.", nil, .html),
                                     ("409", "The first contract, or one journeys name: the page again with the reason.", nil, .html),
                                     ("422", "The form again, each error beside its field.", nil, .html)]))

    static let settingsTilesSubmit = RouteSpec(
        method: .post, path: "/transport/settings/map-tiles", access: .roles(TransportBookingService.contractRoles), kind: .page, operationID: "submitMapTiles",
        summary: "Set or remove the map's tile layer (transport managers; audited).",
        operation: .init(requestSchema: "MapTilesForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page.", nil, .html), ("422", "The form again, each error beside its field.", nil, .html)]))

    static let settingsProviderSubmit = RouteSpec(
        method: .post, path: "/transport/settings/providers", access: manager, kind: .page, operationID: "submitThirdPartyProvider",
        summary: "Add or change a third-party provider, or remove one (transport managers; audited).",
        operation: .init(requestSchema: "ThirdPartyProviderForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page.", nil, .html), ("404", "No such provider to remove.", nil, .html),
                                     ("422", "The form again, each error beside its field.", nil, .html)]))

    static let settingsBaseSubmit = RouteSpec(
        method: .post, path: "/transport/settings/bases", access: .roles(TransportBookingService.contractRoles), kind: .page, operationID: "submitTransportBase",
        summary: "Add or change a base, or remove one (transport managers; audited).",
        operation: .init(requestSchema: "TransportBaseForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page.", nil, .html), ("404", "No such base to remove.", nil, .html),
                                     ("422", "The form again, each error beside its field.", nil, .html)]))

    static let settingsClusterSubmit = RouteSpec(
        method: .post, path: "/transport/settings/clusters", access: .roles(TransportBookingService.contractRoles), kind: .page, operationID: "submitTransportCluster",
        summary: "Add or rename a cluster, or remove one no contract or vehicle is in (transport managers; audited).",
        operation: .init(requestSchema: "TransportClusterForm", requestMedia: .form,
                         responses: [("303", "Saved: back to the page.", nil, .html), ("404", "No such cluster to remove.", nil, .html),
                                     ("409", "The first cluster, or one contracts or vehicles are in: the page again with the reason.", nil, .html),
                                     ("422", "The form again, each error beside its field.", nil, .html)]))

    static let runSheetPage = RouteSpec(
        method: .get, path: "/transport/run-sheet", access: sheetReaders, kind: .page, operationID: "showRunSheet",
        summary: "Run sheets for a phone: a crew member's own for today; the office may choose a day and see every vehicle's (printable).",
        operation: .init(query: [("date", "The day (YYYY-MM-DD; default today).", false, .date)], responses: [("200", "The run sheets.", nil, .html)]))

    static let editJobSubmit = RouteSpec(
        method: .post, path: "/transport/plan-jobs/:id/edits", access: office, kind: .page, operationID: "submitTransportJobEdit",
        summary: "Move a journey by hand in a plan job's proposal: starts an edit job (timed in evaluate-only mode) and goes to it.",
        operation: .init(requestSchema: "TransportEditForm", requestMedia: .form,
                         responses: [("303", "Started: on to the edit's page.", nil, .html), ("404", "No such plan job.", nil, .html),
                                     ("409", "The plan job has no plan yet, or the day changed since.", nil, .html),
                                     ("422", "The plan job's page again, each error beside its field.", nil, .html)]))

    static let editDaySubmit = RouteSpec(
        method: .post, path: "/transport/day/edits", access: office, kind: .page, operationID: "submitTransportDayEdit",
        summary: "Move a journey by hand in the day's committed plan: starts an edit job (timed in evaluate-only mode) and goes to it.",
        operation: .init(requestSchema: "TransportEditForm", requestMedia: .form,
                         responses: [("303", "Started: on to the edit's page.", nil, .html),
                                     ("422", "The day board again, each error beside its field.", nil, .html)]))

    static let reportQuery: [OpenAPIOperation.Query] = [("from", "The first day (YYYY-MM-DD; default 12 days before today).", false, .date),
                                                        ("to", "The last day (YYYY-MM-DD; default tomorrow; at most 62 days in all).", false, .date), clusterQuery]

    static let apiReports = RouteSpec(
        method: .get, path: "/api/v1/transport/reports", access: office, kind: .api, operationID: "getTransportReports",
        summary: "The contract's indicators per day (PT-08): the committed plan's, the crews' recorded figures, income and third-party spend; for a single day also each journey planned against actual.",
        operation: .init(query: reportQuery, responses: [("200", "The reports.", "TransportReports", .json)]))

    static let reportPage = RouteSpec(
        method: .get, path: "/transport/reports", access: office, kind: .page, operationID: "showTransportReports",
        summary: "The contract's indicators over days as charts and a table; for a single day each journey planned against actual.",
        operation: .init(query: reportQuery, responses: [("200", "The report.", nil, .html)]))

    static let apiJourneyReady = RouteSpec(
        method: .post, path: "/api/v1/transport/journeys/:id/ready-time", access: office, kind: .api, operationID: "changeTransportReadyTime",
        summary: "A patient ready early or late to go home: the journey home's ready time changes (audited); re-plan from a time to place it again.",
        operation: .init(requestSchema: "ReadyTime",
                         responses: [("200", "Changed.", "TransportJourney", .json), ("404", "No such journey.", "Problem", .problem),
                                     ("409", "Not a journey home, or under way or over.", "Problem", .problem)]))

    static let readySubmit = RouteSpec(
        method: .post, path: "/transport/day/ready-times", access: office, kind: .page, operationID: "submitTransportReadyTime",
        summary: "Record from the day board that a patient is ready early or late to go home.",
        operation: .init(requestSchema: "ReadyTimeForm", requestMedia: .form,
                         responses: [("303", "Changed: back to the board.", nil, .html), ("404", "No such journey.", nil, .html),
                                     ("409", "Not a journey home, or under way or over: the board again with the reason.", nil, .html),
                                     ("422", "The board again, each error beside its field.", nil, .html)]))

    static let runSheetStamp = RouteSpec(
        method: .get, path: "/transport/run-sheet/stamp", access: sheetReaders, kind: .page, operationID: "getRunSheetStamp",
        summary: "A fingerprint of the caller's run sheets for a day (JSON {\"stamp\"}): the run sheet page asks every 20 seconds and reloads when it changes.",
        operation: .init(query: [("date", "The day (YYYY-MM-DD; default today).", false, .date)], responses: [("200", "The stamp.", "RunSheetStamp", .json)]))

    /// Every route of the group, in registration order.
    static let all: [RouteSpec] = [
        apiClustersList, apiClusterSave, apiClusterRemove, apiShiftSplit, shiftSplitSubmit, apiClinicListAddressSet, apiClinicListAddressRemove, clinicListAddressSubmit, apiContractRead, apiContractSet, apiContractsList, apiContractSave, apiContractRemove,
        apiVehiclesList, apiVehicleSave, apiVehicleRemove, apiVehicleOffRoad, apiVehicleOnRoad, apiCrewList, apiCrewSkills, apiJourneysCreate, apiJourneysImport, apiJourneysList, apiJourneyRead, apiJourneyCancel, apiShiftsCreate, apiShiftsList,
        apiPlanJobsCreate, apiPlanJobRead, apiPlanJobCancel, apiPlanJobCommit, apiPlanRead, apiRunSheets, apiRunSheetRead,
        apiRunSheetCalendar, apiJourneyEvent, dayPage, planSubmit, planJobPage, commitSubmit, bookingPage, bookingSubmit, runSheetEventSubmit, runSheetPage, clinicListPage, clinicListCSV, clinicListSend, apiClinicListSend, settingsPage, fleetPage, fleetVehicleSubmit, fleetOffRoadSubmit, fleetCrewSubmit, settingsContractSubmit, settingsTilesSubmit, settingsProviderSubmit, settingsBaseSubmit, settingsClusterSubmit, apiCallList, apiCallRecord, callListPage, callSubmit,
        apiProvidersRead, apiProvidersSet, apiBasesRead, apiBasesSet, apiMapTilesRead, apiMapTilesSet, apiMapTilesRemove, apiAuthorise, authorisationPage, authoriseSubmit,
        editJobSubmit, editDaySubmit, apiReports, reportPage, apiJourneyReady, readySubmit, runSheetStamp,
    ] + alertRoutes + [shiftSubmit]
}
