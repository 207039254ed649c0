import Foundation
import Hummingbird
import SchedulingDomain
import SchedulingServices

/// The outpatient pages for booking coordinators and team leaders: the patient tracking list, a
/// pathway with its bookings, offers and letters, the clinic calendar, the auto-allocation
/// preview, the strike rescheduling wizard and the reports.
struct OutpatientPagesController {
    let services: KairosServices
    let pages: PageRenderer

    struct BookingForm: Decodable {
        var csrf: String?
        var slotId: String?
        var channel: String?
        var interpreterLanguage: String?
        var needsTransport: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", slotId, channel, interpreterLanguage, needsTransport }
    }

    struct CancellationForm: Decodable {
        var csrf: String?
        var initiatedBy: String?
        var reason: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", initiatedBy, reason }
    }

    struct AllocationForm: Decodable {
        var csrf: String?
        var action: String?
        var specialtyId: String?
        var through: String?
        var minimumNoticeDays: String?
        var planId: String?
        enum CodingKeys: String, CodingKey { case csrf = "_csrf", action, specialtyId, through, minimumNoticeDays, planId }
    }

    struct StrikeForm: Decodable {
        var csrf: String?
        var action: String?
        var clinicianIds: [String]?
        var from: String?
        var through: String?
        var reason: String?
        var rebook: String?
        var minimumNoticeDays: String?
        var rebookThrough: String?
        var moveBooked: String?
        enum CodingKeys: String, CodingKey {
            case csrf = "_csrf", action, clinicianIds, from, through, reason, rebook, minimumNoticeDays, rebookThrough, moveBooked
        }
    }

    /// Names of the organisation's specialties, clinicians and locations, for display.
    struct Names {
        var specialties: [Specialty.ID: String] = [:]
        var clinicians: [Clinician.ID: String] = [:]
        var locations: [ClinicLocation.ID: String] = [:]
        var overview: OrganisationService.Overview

        init(_ overview: OrganisationService.Overview) {
            self.overview = overview
            for s in overview.specialties { specialties[s.id] = s.name }
            for c in overview.clinicians { clinicians[c.id] = c.name }
            for l in overview.locations { locations[l.id] = l.name }
        }

        func slot(_ slot: Slot) -> [String: Any] {
            ["id": slot.id.rawValue, "date": LetterText.short(slot.date) + " \(slot.date.year)", "time": slot.start.iso, "minutes": slot.minutes,
             "type": slot.type.rawValue, "clinician": clinicians[slot.clinicianID] ?? slot.clinicianID.rawValue,
             "location": locations[slot.locationID] ?? slot.locationID.rawValue, "status": slot.status.rawValue]
        }
    }

    func register(_ routes: RouteRegistrar) {
        routes.add(OutpatientRoutes.trackingListPage) { request, context in try await trackingList(request, context: context) }
        routes.add(OutpatientRoutes.trackingListCSVPage) { request, context in
            try await ReferralsAPIController.trackingListCSV(request, context: context, services: services)
        }
        routes.add(OutpatientRoutes.pathwayPage) { request, context in
            let id = Referral.ID(try context.parameters.require("id"))
            return try await pathway(id, extra: ["booked": request.uri.queryParameters.get("booked") as Any,
                                                 "cancelled": request.uri.queryParameters.get("cancelled") as Any], context: context)
        }
        routes.add(OutpatientRoutes.pathwayBooking) { request, context in
            var request = request
            let id = Referral.ID(try context.parameters.require("id"))
            let form = try await request.decodeForm(BookingForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            do {
                let language = form.interpreterLanguage.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
                let appointment = try await services.bookings.book(
                    .init(referralID: id.rawValue, slotID: form.slotId, channel: form.channel, interpreterLanguage: language,
                          needsTransport: form.needsTransport != nil), by: context.caller())
                return .redirect(to: "/outpatients/referrals/\(id.rawValue)?booked=\(appointment.id.rawValue)", type: .normal)
            } catch let error as ServiceError {
                return try await pathway(id, extra: PageRenderer.formProblem(error).data, context: context, status: PageRenderer.formProblem(error).status)
            }
        }
        routes.add(OutpatientRoutes.appointmentCancellationPage) { request, context in
            var request = request
            let id = Appointment.ID(try context.parameters.require("id"))
            let form = try await request.decodeForm(CancellationForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            let caller = try context.caller()
            let referralID = try await services.appointments.details(id: id, by: caller).appointment.referralID
            do {
                _ = try await services.appointments.cancel(id: id, .init(initiatedBy: form.initiatedBy, reason: form.reason), by: caller)
                return .redirect(to: "/outpatients/referrals/\(referralID.rawValue)?cancelled=\(id.rawValue)", type: .normal)
            } catch let error as ServiceError {
                return try await pathway(referralID, extra: PageRenderer.formProblem(error).data, context: context, status: PageRenderer.formProblem(error).status)
            }
        }
        routes.add(OutpatientRoutes.clinicCalendarPage) { request, context in try await calendar(request, context: context) }
        routes.add(OutpatientRoutes.allocationPage) { _, context in
            try await allocationPage(form: nil, plan: nil, extra: [:], context: context)
        }
        routes.add(OutpatientRoutes.allocationSubmit) { request, context in
            var request = request
            let form = try await request.decodeForm(AllocationForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            let commit = form.action == "commit"
            var issues: [ValidationIssue] = []
            let notice = Self.integer(form.minimumNoticeDays, at: "minimumNoticeDays", into: &issues)
            if !issues.isEmpty { return try await allocationPage(form: form, plan: nil, extra: PageRenderer.formProblem(.invalid(issues)).data, context: context, status: PageRenderer.formProblem(.invalid(issues)).status) }
            do {
                let plan = try await services.allocation.allocate(
                    .init(specialtyIDs: form.specialtyId.flatMap { $0.isEmpty ? nil : [$0] }, through: Self.blankless(form.through), minimumNoticeDays: notice,
                          commit: commit, planID: commit ? form.planId : nil), by: context.caller())
                return try await allocationPage(form: form, plan: plan, extra: [:], context: context)
            } catch let error as ServiceError {
                return try await allocationPage(form: form, plan: nil, extra: PageRenderer.formProblem(error).data, context: context, status: PageRenderer.formProblem(error).status)
            }
        }
        routes.add(OutpatientRoutes.strikePage) { _, context in
            try await strikePage(form: nil, result: nil, extra: [:], context: context)
        }
        routes.add(OutpatientRoutes.strikeSubmit) { request, context in
            var request = request
            let form = try await request.decodeForm(StrikeForm.self, context: context)
            try CSRF.check(form.csrf, context: context)
            var issues: [ValidationIssue] = []
            let notice = Self.integer(form.minimumNoticeDays, at: "rebook.minimumNoticeDays", into: &issues)
            if !issues.isEmpty { return try await strikePage(form: form, result: nil, extra: PageRenderer.formProblem(.invalid(issues)).data, context: context, status: PageRenderer.formProblem(.invalid(issues)).status) }
            let rebook = form.rebook == nil ? nil
                : RebookingInput(minimumNoticeDays: notice, through: Self.blankless(form.rebookThrough), moveBooked: Self.blankless(form.moveBooked))
            do {
                let result = try await services.sessions.cancel(
                    .init(clinicianIDs: form.clinicianIds ?? [], from: Self.blankless(form.from), through: Self.blankless(form.through), reason: form.reason,
                          commit: form.action == "commit", rebook: rebook), by: context.caller())
                return try await strikePage(form: form, result: result, extra: [:], context: context)
            } catch let error as ServiceError {
                return try await strikePage(form: form, result: nil, extra: PageRenderer.formProblem(error).data, context: context, status: PageRenderer.formProblem(error).status)
            }
        }
        routes.add(OutpatientRoutes.reportsPage) { request, context in try await reports(request, context: context) }
    }

    // MARK: Tracking list

    func trackingList(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let specialty = reader.text("specialtyId").map { Specialty.ID($0) }
        let priorityText = reader.text("priority")
        let minimumWeeks = reader.integer("minWeeks", minimum: 0)
        let breached = reader.text("breached") != nil
        let page = reader.integer("page", minimum: 1) ?? 1
        var issues: [ValidationIssue] = []
        let priority = priorityText.flatMap { text -> ClinicalPriority? in
            guard let p = ClinicalPriority(rawValue: text) else {
                issues.append(.init(path: "priority", code: "field.enum", message: "priority must be one of: \(ClinicalPriority.allCases.map(\.rawValue).joined(separator: ", ")).")); return nil
            }
            return p
        }
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues += found }
        let names = Names(try await services.organisation.overview(by: caller))
        var data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == specialty] },
            "priorities": ClinicalPriority.allCases.map { ["id": $0.rawValue, "selected": $0 == priority] },
            "minWeeks": minimumWeeks.map(String.init) ?? "", "breached": breached,
        ]
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            data.merge(problem.data) { $1 }
            return try pages.page("outpatients/tracking", title: "Patient tracking list", data, context: context, status: problem.status)
        }
        let list = try await services.referrals.trackingList(
            .init(specialtyID: specialty, priority: priority, minimumWeeks: minimumWeeks, breachedOnly: breached), by: caller)
        let pageSize = 100
        let shown = list.entries.dropFirst((page - 1) * pageSize).prefix(pageSize)
        let safe = CharacterSet.alphanumerics.union(.init(charactersIn: "-_."))
        var query = request.uri.queryParameters.filter { $0.key != "page" && !$0.value.isEmpty }
            .map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: safe) ?? "")" }.joined(separator: "&")
        if !query.isEmpty { query += "&" }
        data["count"] = list.entries.count
        data["breachedCount"] = list.entries.filter(\.breached).count
        data["withinStandard"] = Self.percent(list.withinStandard)
        data["entries"] = shown.map { e -> [String: Any] in
            ["referralId": e.referralID.rawValue, "priority": e.priority.rawValue, "urgent": e.priority.isUrgent,
             "specialty": names.specialties[e.specialtyID] ?? e.specialtyID.rawValue, "received": e.received.iso, "weeks": e.weeksWaited,
             "breachDate": e.breachDate.iso, "dueBy": e.dueBy.iso, "breached": e.breached]
        }
        data["csv"] = "/outpatients/tracking-list.csv" + (query.isEmpty ? "" : "?" + query.dropLast())
        data["range"] = list.entries.isEmpty ? "" : "\((page - 1) * pageSize + 1)–\((page - 1) * pageSize + shown.count) of \(list.entries.count)"
        if page > 1 { data["previous"] = "?\(query)page=\(page - 1)" }
        if page * pageSize < list.entries.count { data["next"] = "?\(query)page=\(page + 1)" }
        return try pages.page("outpatients/tracking", title: "Patient tracking list", data, context: context)
    }

    // MARK: Pathway

    func pathway(_ id: Referral.ID, extra: [String: Any], context: KairosRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = try context.caller(reason: "pathway page")
        let referral = try await services.referrals.referral(id: id, by: caller)
        let patient = try await services.patients.patient(id: referral.patientID, by: caller)
        let history = try await services.appointments.history(referralID: id, by: caller)
        let messages = try await services.notifications.messages(.init(patientID: patient.id), limit: 30, by: caller)
        let names = Names(try await services.organisation.overview(by: caller))
        let role = caller.principal.role
        let canEdit = role.map { Role.patientEditors.contains($0) } ?? false
        let today = services.environment.today
        let hasBooking = history.contains { $0.appointment.status == .booked }
        var offers: [Slot] = []
        if canEdit, referral.status == .open, !hasBooking { offers = try await services.bookings.offers(referralID: id, .init(count: 8), by: caller) }
        let formatter = ISO8601DateFormatter()
        var data: [String: Any] = [
            "referralId": id.rawValue, "patientId": patient.id.rawValue, "patientName": "\(patient.givenName) \(patient.familyName)",
            "nhsNumber": patient.nhsNumber.formatted, "specialty": names.specialties[referral.specialtyID] ?? referral.specialtyID.rawValue,
            "priority": referral.priority.rawValue, "referrer": referral.referrer, "received": referral.received.iso, "status": referral.status.rawValue,
            "clockStatus": referral.clock.status.rawValue, "clockStart": referral.clock.start.iso, "weeks": referral.clock.weeksWaited(asOf: today),
            "breachDate": referral.clock.breachDate.iso, "dueBy": referral.dueBy.iso, "breached": referral.clock.isBreached(asOf: today),
            "availability": Self.availabilityText(referral.availability),
            "appointments": history.map { d -> [String: Any] in
                var row = names.slot(d.slot)
                row["appointmentId"] = d.appointment.id.rawValue
                row["status"] = d.appointment.status.rawValue
                row["channel"] = d.appointment.channel.rawValue
                row["cancellable"] = canEdit && d.appointment.status == .booked && d.slot.date >= today
                row["transport"] = d.appointment.needsTransport
                row["interpreter"] = d.appointment.interpreterLanguage as Any
                return row
            },
            "messages": messages.map { m -> [String: Any] in
                ["id": m.id.rawValue, "kind": m.kind.rawValue, "channel": m.channel.rawValue, "recipient": m.recipient.rawValue, "status": m.status.rawValue,
                 "due": formatter.string(from: m.dueAt), "subject": m.subject, "isLetter": m.channel == .letter]
            },
            "canBook": canEdit && referral.status == .open && !hasBooking,
            "hasAppointments": !history.isEmpty, "hasOffers": !offers.isEmpty, "hasMessages": !messages.isEmpty,
            "offers": offers.map { slot -> [String: Any] in
                var row = names.slot(slot)
                row["afterDue"] = slot.date > referral.dueBy
                return row
            },
            "channels": Appointment.Channel.allCases.filter { $0 != .autoAllocation }.map { ["id": $0.rawValue] },
            "cancelReasons": Appointment.CancellationReason.allCases.map { ["id": $0.rawValue] },
        ]
        for (key, value) in extra { data[key] = PageRenderer.unwrapped(value) }
        return try pages.page("outpatients/pathway", title: "Pathway \(id.rawValue)", data, context: context, status: status)
    }

    // MARK: Clinic calendar

    func calendar(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let clinician = reader.text("clinicianId").map { Clinician.ID($0) }
        let location = reader.text("locationId").map { ClinicLocation.ID($0) }
        let from = reader.date("from")
        var issues: [ValidationIssue] = []
        do { try reader.finish() } catch ServiceError.invalid(let found) { issues += found }
        let names = Names(try await services.organisation.overview(by: caller))
        let today = services.environment.today
        let monday = (from ?? today).adding(days: 1 - (from ?? today).isoWeekday)
        var data: [String: Any] = [
            "clinicians": names.overview.clinicians.map { ["id": $0.id.rawValue, "name": "\($0.name) (\(names.specialties[$0.specialtyID] ?? ""))", "selected": $0.id == clinician] },
            "locations": names.overview.locations.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == location] },
            "from": monday.iso, "weekOf": LetterText.long(monday),
        ]
        if clinician == nil && location == nil && issues.isEmpty {
            data["choose"] = true
            return try pages.page("outpatients/clinics", title: "Clinic calendar", data, context: context)
        }
        if !issues.isEmpty {
            let problem = PageRenderer.formProblem(.invalid(issues))
            data.merge(problem.data) { $1 }
            return try pages.page("outpatients/clinics", title: "Clinic calendar", data, context: context, status: problem.status)
        }
        let slots = try await services.clinics.calendar(from: monday, through: monday.adding(days: 6), clinicianID: clinician, locationID: location, by: caller)
        let days = Dictionary(grouping: slots, by: \.slot.date).sorted { $0.key < $1.key }
        var base = [String]()
        if let clinician { base.append("clinicianId=\(clinician.rawValue)") }
        if let location { base.append("locationId=\(location.rawValue)") }
        let link = base.joined(separator: "&")
        data["previous"] = "?\(link)&from=\(monday.adding(days: -7).iso)"
        data["next"] = "?\(link)&from=\(monday.adding(days: 7).iso)"
        data["days"] = days.map { day, entries -> [String: Any] in
            ["date": LetterText.long(day), "free": entries.filter { $0.slot.status == .free }.count, "count": entries.count,
             "slots": entries.map { entry -> [String: Any] in
                 var row = names.slot(entry.slot)
                 row["referralId"] = entry.appointment?.referralID.rawValue as Any
                 if let appointment = entry.appointment { row["status"] = appointment.status.rawValue }
                 return row
             }]
        }
        data["empty"] = slots.isEmpty
        return try pages.page("outpatients/clinics", title: "Clinic calendar", data, context: context)
    }

    // MARK: Auto-allocation

    func allocationPage(form: AllocationForm?, plan: AllocationPlan?, extra: [String: Any], context: KairosRequestContext,
                        status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let caller = try context.caller()
        let names = Names(try await services.organisation.overview(by: caller))
        var data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == form?.specialtyId] },
            "through": form?.through ?? "", "minimumNoticeDays": form?.minimumNoticeDays ?? "", "specialtyId": form?.specialtyId ?? "",
        ]
        if let plan {
            let reasons = Dictionary(grouping: plan.unplaced, by: \.reason).map { ["reason": $0.key.rawValue, "count": $0.value.count] }
            data["plan"] = [
                "planId": plan.planID, "committed": plan.committed, "from": plan.from.iso, "through": plan.through.iso, "waiting": plan.waiting,
                "freeSlots": plan.freeSlots, "proposed": plan.proposals.count, "afterDue": plan.placedAfterDue, "unplacedCount": plan.unplaced.count,
                "hasReasons": !reasons.isEmpty,
                "reasons": reasons.sorted { ($0["reason"] as! String) < ($1["reason"] as! String) },
                "proposals": plan.proposals.prefix(200).map { p -> [String: Any] in
                    ["referralId": p.referralID.rawValue, "priority": p.priority.rawValue, "specialty": names.specialties[p.specialtyID] ?? "",
                     "dueBy": p.dueBy.iso, "date": LetterText.short(p.date), "time": p.start.iso, "type": p.slotType.rawValue,
                     "clinician": names.clinicians[p.clinicianID] ?? "", "afterDue": p.afterDue]
                },
                "moreProposals": max(0, plan.proposals.count - 200),
                "unplaced": plan.unplaced.prefix(100).map { u -> [String: Any] in
                    ["referralId": u.referralID.rawValue, "priority": u.priority.rawValue, "specialty": names.specialties[u.specialtyID] ?? "",
                     "dueBy": u.dueBy.iso, "reason": u.reason.rawValue, "detail": u.detail]
                },
                "moreUnplaced": max(0, plan.unplaced.count - 100),
            ] as [String: Any]
        }
        for (key, value) in extra { data[key] = value }
        return try pages.page("outpatients/allocation", title: "Auto-allocation", data, context: context, status: status)
    }

    // MARK: Strike wizard

    func strikePage(form: StrikeForm?, result: SessionCancellation?, extra: [String: Any], context: KairosRequestContext,
                    status: HTTPResponse.Status = .ok) async throws -> Response
    {
        let caller = try context.caller()
        let names = Names(try await services.organisation.overview(by: caller))
        let chosen = Set(form?.clinicianIds ?? [])
        var data: [String: Any] = [
            "groups": names.overview.specialties.map { s -> [String: Any] in
                ["specialty": s.name, "clinicians": names.overview.clinicians.filter { $0.specialtyID == s.id }.map {
                    ["id": $0.id.rawValue, "name": $0.name, "checked": chosen.contains($0.id.rawValue)]
                }]
            },
            "chosen": chosen.sorted().map { ["id": $0] },
            "from": form?.from ?? "", "through": form?.through ?? "", "rebook": form == nil || form?.rebook != nil,
            "minimumNoticeDays": form?.minimumNoticeDays ?? "", "rebookThrough": form?.rebookThrough ?? "",
            "reasons": SessionCancellationService.reasons.map { ["id": $0.rawValue, "selected": $0.rawValue == (form?.reason ?? "industrial-action")] },
            "moveBooked": MoveBookedPolicy.allCases.map { ["id": $0.rawValue, "selected": $0.rawValue == (form?.moveBooked ?? "not-notified")] },
            "reason": form?.reason ?? "", "moveBookedValue": form?.moveBooked ?? "",
        ]
        if let result {
            var summary: [String: Any] = [
                "committed": result.committed, "slotsCancelled": result.slotsCancelled, "affectedCount": result.affected.count, "shortfall": result.shortfall,
                "affected": result.affected.prefix(200).map { a -> [String: Any] in
                    ["referralId": a.referralID.rawValue, "priority": a.priority.rawValue, "specialty": names.specialties[a.specialtyID] ?? "",
                     "date": LetterText.short(a.date), "time": a.start.iso, "dueBy": a.dueBy.iso, "capacityBeforeDue": a.capacityBeforeDue]
                },
            ]
            if let plan = result.rebooking {
                let rebooked = plan.moves.filter { !$0.bumped && $0.toSlotID != nil }
                summary["rebooking"] = [
                    "from": plan.from.iso, "through": plan.through.iso, "rebooked": rebooked.count, "afterDue": rebooked.filter(\.afterDue).count,
                    "bumped": plan.bumped, "unplacedCount": plan.unplaced.count, "moveBooked": plan.moveBooked.rawValue,
                    "moves": plan.moves.prefix(200).map { m -> [String: Any] in
                        ["referralId": m.referralID.rawValue, "priority": m.priority.rawValue, "fromDate": LetterText.short(m.fromDate),
                         "toDate": m.toDate.map(LetterText.short) ?? "—", "toTime": m.toStart?.iso ?? "", "bumped": m.bumped, "afterDue": m.afterDue]
                    },
                ] as [String: Any]
            }
            data["result"] = summary
        }
        for (key, value) in extra { data[key] = value }
        return try pages.page("outpatients/strike", title: "Cancel sessions and rebook", data, context: context, status: status)
    }

    // MARK: Reports

    func reports(_ request: Request, context: KairosRequestContext) async throws -> Response {
        let caller = try context.caller()
        var reader = QueryReader(request.uri.queryParameters)
        let specialty = reader.text("specialtyId").map { Specialty.ID($0) }
        let extra = reader.integer("extraPerWeek", minimum: 0) ?? 0
        let weeks = reader.integer("weeks", minimum: 1) ?? 26
        try reader.finish()
        let report = try await services.reports.waitingList(specialtyID: specialty, by: caller)
        let projection = try await services.reports.projection(.init(specialtyID: specialty, weeks: weeks, extraPerWeek: extra), by: caller)
        let names = Names(try await services.organisation.overview(by: caller))
        let data: [String: Any] = [
            "specialties": names.overview.specialties.map { ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == specialty] },
            "chart": "/reports/waiting-list-shape.svg" + (specialty.map { "?specialtyId=\($0.rawValue)" } ?? ""),
            "asOf": report.asOf.iso, "waiting": report.waiting, "breached": report.breached, "withinStandard": Self.percent(report.withinStandard),
            "bySpecialty": report.bySpecialty.map { ["name": $0.name, "waiting": $0.waiting, "breached": $0.breached,
                                                     "withinStandard": Self.percent($0.withinStandard), "longestWeeks": $0.longestWeeks] },
            "utilisation": ["from": report.utilisation.from.iso, "through": report.utilisation.through.iso, "slots": report.utilisation.slots,
                            "booked": report.utilisation.booked, "rate": Self.percent(report.utilisation.rate), "cancelled": report.utilisation.cancelled],
            "attendance": ["attended": report.attendance.attended, "dna": report.attendance.dna, "unrecorded": report.attendance.unrecorded,
                           "dnaRate": Self.percent(report.attendance.dnaRate)],
            "extraPerWeek": extra, "weeks": weeks,
            "projection": [
                "capacity": projection.assumptions.capacityPerWeek, "referrals": projection.assumptions.referralsPerWeek,
                "over18": projection.startOver18Weeks, "weeksToClear": projection.weeksToClear.map(String.init) ?? "not within \(weeks) weeks",
                "weeksTo92": projection.weeksTo92Percent.map(String.init) ?? "not within \(weeks) weeks",
                "series": projection.series.filter { $0.week % 4 == 0 || $0.week == projection.series.count }.map {
                    ["week": $0.week, "starting": $0.starting.iso, "waiting": $0.waiting, "over18": $0.over18Weeks, "within": Self.percent($0.withinStandard)]
                },
            ] as [String: Any],
        ]
        return try pages.page("outpatients/reports", title: "Waiting-list reports", data, context: context)
    }

    // MARK: Helpers

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    static func blankless(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    static func integer(_ text: String?, at path: String, into issues: inout [ValidationIssue]) -> Int? {
        guard let text = blankless(text) else { return nil }
        guard let value = Int(text), value >= 0 else {
            issues.append(.init(path: path, code: "field.integer", message: "\(path) must be a whole number of days, 0 or more.")); return nil
        }
        return value
    }

    static func availabilityText(_ a: Referral.Availability) -> String {
        var parts: [String] = []
        if !a.weekdays.isEmpty {
            let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            parts.append(a.weekdays.sorted().map { days[$0 - 1] }.joined(separator: ", "))
        }
        if let from = a.from { parts.append("from \(from.iso)") }
        return parts.isEmpty ? "any weekday" : parts.joined(separator: "; ")
    }
}
