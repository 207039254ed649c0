import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The journey booking form (PT-01): the patient by NHS number, the hospital by name, the day,
/// there / home / both with the times, mobility and escorts. An error stands beside its field and
/// the form keeps what was typed.
extension TransportPagesController {
    struct JourneyForm: Decodable {
        var csrf: String?
        var nhsNumber: String?
        var date: String?
        var direction: String?
        var time: String?
        var returnTime: String?
        var destination: String?
        var mobility: String?
        var escorts: String?
        var ecj: String?
        var urgent: String?
        var bariatric: String?
        var eligibility: String?
        var notes: String?
        var contract: String?
        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf", nhsNumber, date, direction, time, returnTime, destination, mobility, escorts, ecj, urgent, bariatric, eligibility, notes, contract
        }
    }

    func bookingPage(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let (date, issues) = chosenDate(request)
        var form = JourneyForm()
        form.date = date.iso
        form.direction = BookedDirection.both.rawValue
        form.mobility = MobilityCategory.seated.rawValue
        let extra = issues.isEmpty ? [:] : PageRenderer.formProblem(.invalid(issues)).data
        return try await bookingForm(form, extra: extra, context: context)
    }

    func bookingForm(_ form: JourneyForm, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let overview = try await shared.organisation.overview(by: context.caller())
        let contracts = try await transport.bookings.contracts(by: context.caller())
        var data: [String: Any] = [
            "hasContracts": contracts.count > 1,
            "contracts": contracts.map { ["id": $0.id, "name": $0.name, "selected": $0.id == form.contract] },
            "nhsNumber": form.nhsNumber ?? "", "date": form.date ?? "", "time": form.time ?? "", "returnTime": form.returnTime ?? "",
            "hospitals": overview.locations.filter { $0.address.coordinates != nil }.map {
                ["id": $0.id.rawValue, "name": "\($0.name), \($0.address.postcode)", "selected": $0.id.rawValue == form.destination]
            },
            "directions": [("to-appointment", "To the appointment only"), ("home", "Home only"), ("both", "There and back")].map {
                ["id": $0.0, "name": $0.1, "selected": $0.0 == form.direction]
            },
            "mobilities": MobilityCategory.allCases.map { ["id": $0.rawValue, "name": $0.label.capitalizedFirst, "selected": $0.rawValue == form.mobility] },
            "escortChoices": (0...3).map { ["id": "\($0)", "name": "\($0)", "selected": "\($0)" == (form.escorts ?? "0")] },
            "ecj": form.ecj == "yes", "urgent": form.urgent == "yes", "bariatric": form.bariatric == "yes",
            "eligibilities": TransportJourney.Eligibility.allCases.map { ["id": $0.rawValue, "name": $0.label.capitalizedFirst, "selected": $0.rawValue == form.eligibility] },
            "notes": form.notes ?? "",
        ]
        data.merge(extra) { $1 }
        return try pages.page("transport/booking", title: "Book a journey", data, context: context, status: status)
    }

    /// Books from the form and goes to the day; the form again, each error beside its field, if it cannot.
    func submitBooking(_ request: Request, context: KairosRequestContext) async throws -> Response {
        var request = request
        let form = try await request.decodeForm(JourneyForm.self, context: context)
        try CSRF.check(form.csrf, context: context)
        let caller = try context.caller()
        do {
            // Every field is checked even when the NHS number is wrong: its issue joins the others.
            var patientIssues: [ValidationIssue] = []
            var patient: Patient?
            do { patient = try await transport.bookings.patient(nhsNumber: form.nhsNumber, by: caller) } catch ServiceError.invalid(let issues) { patientIssues = issues }
            let overview = try await shared.organisation.overview(by: caller)
            let hospital = overview.locations.first { $0.id.rawValue == form.destination }?.address.coordinates
            let escorts = form.escorts.flatMap { Int($0) }
            // No contract chosen: the one serving the hospital, else the first.
            let contract = (form.contract ?? "").isEmpty
                ? TransportBookingService.contract(serving: ClinicLocation.ID(form.destination ?? ""), among: try await transport.bookings.contracts(by: caller))
                : form.contract
            let direction = form.direction
            let input = JourneyInput(
                patientID: patient?.id.rawValue, date: form.date.flatMap { $0.isEmpty ? nil : $0 }, direction: direction,
                time: form.time.flatMap { $0.isEmpty ? nil : $0 }, returnTime: form.returnTime.flatMap { $0.isEmpty || direction != "both" ? nil : $0 },
                pickup: direction == "home" ? hospital : nil, destination: direction == "home" ? nil : hospital,
                mobility: form.mobility, escorts: escorts, ecj: form.ecj == "yes", urgent: form.urgent == "yes", bariatric: form.bariatric == "yes", eligibility: form.eligibility, notes: form.notes,
                contract: contract)
            if !patientIssues.isEmpty {
                var issues = patientIssues
                // The rest of the form, as the booking would judge it (what follows from the unknown patient aside).
                do { try await transport.bookings.check(input, by: caller) } catch ServiceError.invalid(let others) {
                    issues += others.filter { !["patientID", "pickup"].contains($0.path) && !($0.path == "destination" && input.destination != nil) }
                }
                throw ServiceError.invalid(issues)
            }
            let journeys = try await transport.bookings.book(input, by: caller)
            // To the board of the cluster that carries it.
            let contracts = try await transport.bookings.contracts(by: caller)
            let cluster = contracts.first { $0.id == journeys[0].contractID }?.cluster
            return .redirect(to: "/transport/day?date=\(journeys[0].date.iso)\(Self.clusterQuery(cluster))&booked=\(journeys.count)", type: .normal)
        } catch let error as ServiceError {
            let problem = PageRenderer.formProblem(error, fields: [
                "nhsNumber": .init("nhsNumber", "The NHS number", whenMissing: "Enter the patient's NHS number."),
                "date": .init("date", "The day", whenMissing: "Enter the day of the journey."),
                "direction": .init("direction", "The direction"),
                "time": .init("time", "The time", whenMissing: "Enter the appointment time (or when the patient is ready to go home)."),
                "returnTime": .init("returnTime", "The return time", whenMissing: "Enter when the patient will be ready to go home."),
                "destination": .init("destination", "The hospital", whenMissing: "Choose the hospital."),
                "pickup": .init("destination", "The hospital", whenMissing: "Choose the hospital."),
                "mobility": .init("mobility", "Mobility"),
                "escorts": .init("escorts", "Escorts"),
                "eligibility": .init("eligibility", "Eligibility"),
                "notes": .init("notes", "Notes for the crew"),
                "contract": .init("contract", "The contract"),
            ])
            return try await bookingForm(form, extra: problem.data, context: context, status: problem.status)
        }
    }
}
