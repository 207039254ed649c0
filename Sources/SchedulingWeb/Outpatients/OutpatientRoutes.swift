import SchedulingDomain
import SchedulingServices

/// The outpatient routes: referrals and the tracking list, clinics and slots, booking and the
/// appointment lifecycle, the access policy, allocation, session cancellation, reports and the
/// outpatient pages, each with its roles and its OpenAPI description.
enum OutpatientRoutes {
    static let apiReferralsCreate = RouteSpec(
        method: .post, path: "/api/v1/referrals", access: .roles(Role.patientEditors), kind: .api, operationID: "createReferral",
        summary: "Put a referral on its specialty's waiting list (its RTT clock starts on the day received).",
        operation: .init(requestSchema: "ReferralInput", responses: [("201", "On the waiting list, its clock running.", "ReferralView", .json),
                                                                     ("409", "The UBRN is already on another referral.", "Problem", .problem)]))

    static let apiReferralsRead = RouteSpec(
        method: .get, path: "/api/v1/referrals/:id", access: .roles(Role.outpatientStaff), kind: .api, operationID: "getReferral",
        summary: "Read a referral with its RTT clock (audited).",
        operation: .init(responses: [("200", "The referral and its clock's dates.", "ReferralView", .json),
                                         ("404", "No such referral.", "Problem", .problem)]))

    static let apiReferralsRemove = RouteSpec(
        method: .post, path: "/api/v1/referrals/:id/removal", access: .roles(Role.patientEditors), kind: .api, operationID: "removeReferral",
        summary: "Take a referral off its waiting list with a reason.",
        operation: .init(requestSchema: "ReferralRemoval",
                                responses: [("200", "Removed: its clock stopped.", "ReferralView", .json),
                                            ("404", "No such referral.", "Problem", .problem),
                                            ("409", "The referral is not open.", "Problem", .problem)]))

    static let apiTrackingList = RouteSpec(
        method: .get, path: "/api/v1/tracking-list", access: .roles(Role.outpatientStaff), kind: .api, operationID: "getTrackingList",
        summary: "The patient tracking list: open pathways by priority then due day, with weeks waited and breach dates (filters: specialtyId, priority, minWeeks, breached).",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset),
                                   ("specialtyId", "Only this specialty's list.", false, "string"),
                                         ("priority", "Only this clinical priority.", false, .choice(of: ClinicalPriority.self)),
                                         ("minWeeks", "Only pathways waiting at least this many weeks.", false, .integerFrom(0, defaultValue: nil)),
                                         ("breached", "true: only pathways past their 18-week breach date.", false, "boolean"),
                                         ("view", "A saved view: to-book, two-week-waits-unbooked, breaching-this-week, breaching-in-4-weeks, no-slot-before-due, decisions-pending.", false,
                                          .choice(of: ReferralService.WorklistView.self))],
                                 responses: [("200", "Open pathways, most urgent first, then by due day.", "TrackingList", .json)]), lane: .heavy)

    static let apiClinicTemplatesCreate = RouteSpec(
        method: .post, path: "/api/v1/clinic-templates", access: .roles(Role.clinicEditors), kind: .api, operationID: "createClinicTemplate",
        summary: "Add a recurring clinic session made of slots.",
        operation: .init(requestSchema: "ClinicTemplateInput", responses: [("201", "The template.", "ClinicTemplate", .json)]))

    static let apiClinicTemplateChange = RouteSpec(
        method: .post, path: "/api/v1/clinic-templates/:id/change", access: .roles(Role.clinicEditors), kind: .api, operationID: "changeClinicTemplate",
        summary: "Preview (default) or make a change to a template — an end date or fewer slots a session — listing every booking in the slots it removes; those bookings are cancelled by the hospital and their referrals stay on the list with their priority and clock.",
        operation: .init(requestSchema: "TemplateChangeInput",
                                      responses: [("200", "The preview, or the change made (committed true), with every affected booking.", "TemplateChange", .json),
                                                  ("404", "No such template.", "Problem", .problem),
                                                  ("422", "Invalid input.", "Problem", .problem)]), lane: .heavy)

    static let apiSlotsGenerate = RouteSpec(
        method: .post, path: "/api/v1/slots/generation", access: .roles(Role.clinicEditors), kind: .api, operationID: "generateSlots",
        summary: "Generate every template's slots from today for a number of days (84 by default); slots already there are kept.",
        operation: .init(requestSchema: "SlotGeneration",
                               responses: [("200", "How many slots were added.", "SlotGenerationResult", .json),
                                           ("409", "Two templates give one clinician two slots at once; nothing was added.", "Problem", .problem)]), lane: .heavy)

    static let apiSlotsList = RouteSpec(
        method: .get, path: "/api/v1/slots", access: .roles(Role.outpatientStaff), kind: .api, operationID: "listSlots",
        summary: "Slots between two dates (from, through), optionally of one specialty and status.",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset),
                                   ("from", "First day (YYYY-MM-DD).", true, .date), ("through", "Last day (YYYY-MM-DD).", true, .date),
                                   ("specialtyId", "Only this specialty's slots.", false, "string"), ("status", "free, booked or cancelled.", false, .choice(of: Slot.Status.self))],
                           responses: [("200", "By date, start, clinician.", "SlotList", .json)]))

    static let apiBookingsCreate = RouteSpec(
        method: .post, path: "/api/v1/bookings", access: .roles(Role.patientEditors), kind: .api, operationID: "createBooking",
        summary: "Book a referral into a free slot (409 if someone else took it first).",
        operation: .init(requestSchema: "BookingInput",
                               responses: [("201", "Booked: the slot is taken.", "Appointment", .json),
                                           ("409", "The slot is no longer free, or the referral is not open.", "Problem", .problem)]))

    static let apiReferralOffers = RouteSpec(
        method: .get, path: "/api/v1/referrals/:id/offers", access: .roles(Role.patientEditors), kind: .api, operationID: "offerSlots",
        summary: "The best free slots for a referral: its specialty, a type its priority may use, the patient's location and weekdays; those before the due day first.",
        operation: .init(query: [("count", "How many (1–50, default 5).", false, .integerIn(1...50, defaultValue: 5)), ("locationId", "Only this location.", false, "string"),
                                    ("weekdays", "ISO weekdays the patient can attend, e.g. 1,3,5.", false, .pattern("^ *[1-7] *(, *[1-7] *)*$")),
                                    ("notBefore", "Not before this day (YYYY-MM-DD).", false, .date)],
                            responses: [("200", "Free suitable slots, those on or before the due day first, each group earliest first.", "SlotList", .json),
                                        ("404", "No such referral.", "Problem", .problem),
                                        ("409", "The referral is not open.", "Problem", .problem)]))

    static let apiOfferRecordsList = RouteSpec(
        method: .get, path: "/api/v1/referrals/:id/offer-records", access: .roles(Role.outpatientStaff), kind: .api, operationID: "listOfferRecords",
        summary: "The dates offered for a pathway and the patient's answers, newest first; each says whether it was a reasonable offer (two dates, three weeks' notice).",
        operation: .init(responses: [("200", "The offers.", "OfferRecordList", .json)]))

    static let apiOfferRecordsCreate = RouteSpec(
        method: .post, path: "/api/v1/referrals/:id/offer-records", access: .roles(Role.patientEditors), kind: .api, operationID: "recordOffer",
        summary: "Record the dates offered to a patient (two or more free slots the referral can take), whether or not one is booked.",
        operation: .init(requestSchema: "OfferRecordInput",
                         responses: [("201", "Recorded, pending the patient's answer.", "OfferRecord", .json), ("404", "No such referral.", "Problem", .problem),
                                     ("409", "The referral is not open.", "Problem", .problem)]))

    static let apiOfferRecordOutcome = RouteSpec(
        method: .post, path: "/api/v1/offer-records/:id/outcome", access: .roles(Role.patientEditors), kind: .api, operationID: "answerOffer",
        summary: "Record the patient's answer to an offer: accepted or declined.",
        operation: .init(requestSchema: "OfferOutcome",
                         responses: [("200", "Recorded.", "OfferRecord", .json), ("404", "No such offer.", "Problem", .problem),
                                     ("409", "Already answered.", "Problem", .problem)]))

    static let apiPathwayNotesList = RouteSpec(
        method: .get, path: "/api/v1/referrals/:id/notes", access: .roles(Role.outpatientStaff), kind: .api, operationID: "listPathwayNotes",
        summary: "A pathway's notes, newest first.",
        operation: .init(responses: [("200", "The notes.", "PathwayNoteList", .json)]))

    static let apiPathwayNotesCreate = RouteSpec(
        method: .post, path: "/api/v1/referrals/:id/notes", access: .roles(Role.outpatientStaff), kind: .api, operationID: "addPathwayNote",
        summary: "Write a note on a pathway (never changed afterwards; the audit records that it was written, not what it says).",
        operation: .init(requestSchema: "PathwayNoteInput",
                         responses: [("201", "Written.", "PathwayNote", .json), ("404", "No such referral.", "Problem", .problem)]))

    static let pathwayOfferSubmit = RouteSpec(
        method: .post, path: "/outpatients/referrals/:id/offers", access: .roles(Role.patientEditors), kind: .page, operationID: "submitPathwayOffer",
        summary: "Record the dates offered to the patient (two or more free slots) from the pathway page.",
        operation: .init(requestSchema: "OfferForm", requestMedia: .form,
                         responses: [("303", "Recorded: back to the pathway.", nil, .html), ("404", "No such referral.", nil, .html),
                                     ("409", "The referral is not open.", nil, .html),
                                     ("422", "Fewer than two slots, or one that does not suit: the page again with the error beside the dates.", nil, .html)]))

    static let offerOutcomeSubmit = RouteSpec(
        method: .post, path: "/outpatients/offers/:id/outcome", access: .roles(Role.patientEditors), kind: .page, operationID: "submitOfferOutcome",
        summary: "Record the patient's answer to an offer of dates: accepted or declined.",
        operation: .init(requestSchema: "OfferOutcomeForm", requestMedia: .form,
                         responses: [("303", "Recorded: back to the pathway.", nil, .html), ("404", "No such offer.", nil, .html),
                                     ("409", "The offer was already answered.", nil, .html), ("422", "Neither accepted nor declined.", nil, .html)]))

    static let pathwayNoteSubmit = RouteSpec(
        method: .post, path: "/outpatients/referrals/:id/notes", access: .roles(Role.outpatientStaff), kind: .page, operationID: "submitPathwayNote",
        summary: "Write a note on a pathway from its page.",
        operation: .init(requestSchema: "PathwayNoteForm", requestMedia: .form,
                         responses: [("303", "Written: back to the pathway.", nil, .html), ("404", "No such referral.", nil, .html),
                                     ("422", "An empty or too long note: the page again with the error beside the box.", nil, .html)]))

    static let apiReferralAvailability = RouteSpec(
        method: .put, path: "/api/v1/referrals/:id/availability", access: .roles(Role.patientEditors), kind: .api, operationID: "setReferralAvailability",
        summary: "Record the weekdays and the first day the patient can attend; offers and auto-allocation keep to them.",
        operation: .init(requestSchema: "AvailabilityInput",
                                         responses: [("200", "Recorded.", "ReferralView", .json),
                                                     ("404", "No such referral.", "Problem", .problem),
                                                     ("409", "The referral is not open.", "Problem", .problem)]))

    static let apiAppointmentRead = RouteSpec(
        method: .get, path: "/api/v1/appointments/:id", access: .roles(Role.outpatientStaff), kind: .api, operationID: "getAppointment",
        summary: "An appointment with its slot, transport request and access decision (audited).",
        operation: .init(responses: [("200", "The appointment.", "AppointmentDetails", .json), ("404", "No such appointment.", "Problem", .problem)]))

    static let apiReferralAppointments = RouteSpec(
        method: .get, path: "/api/v1/referrals/:id/appointments", access: .roles(Role.outpatientStaff), kind: .api, operationID: "listReferralAppointments",
        summary: "A referral's appointments, oldest first, with their slots.",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset)],
                         responses: [("200", "Oldest first.", "AppointmentDetailsList", .json), ("404", "No such referral.", "Problem", .problem)]))

    static let apiAppointmentCancel = RouteSpec(
        method: .post, path: "/api/v1/appointments/:id/cancellation", access: .roles(Role.patientEditors), kind: .api, operationID: "cancelAppointment",
        summary: "Cancel a booked appointment at the patient's or the hospital's request; the slot is freed and the referral keeps its place.",
        operation: .init(requestSchema: "CancellationInput",
                                   responses: [("200", "Cancelled: the slot is free, transport cancelled, letters queued.", "AppointmentDetails", .json),
                                               ("404", "No such appointment.", "Problem", .problem),
                                               ("409", "The appointment is not booked (already cancelled or attended).", "Problem", .problem)]))

    static let apiAppointmentChange = RouteSpec(
        method: .post, path: "/api/v1/appointments/:id/change", access: .roles(Role.patientEditors), kind: .api, operationID: "changeAppointment",
        summary: "Move a booked appointment to another free slot (one step: the old is cancelled, the new booked).",
        operation: .init(requestSchema: "ChangeInput",
                                   responses: [("201", "The new appointment, replacing the old.", "AppointmentDetails", .json),
                                               ("404", "No such appointment.", "Problem", .problem),
                                               ("409", "The new slot is taken, or the appointment is not booked.", "Problem", .problem)]))

    static let apiAppointmentOutcome = RouteSpec(
        method: .post, path: "/api/v1/appointments/:id/outcome", access: .roles(AppointmentService.outcomeRecorders), kind: .api, operationID: "recordOutcome",
        summary: "Record attendance (attended or dna); a DNA applies the access policy.",
        operation: .init(requestSchema: "OutcomeInput",
                               responses: [("200", "Recorded; a DNA carries its access decision.", "AppointmentDetails", .json),
                                           ("404", "No such appointment.", "Problem", .problem),
                                           ("409", "Already recorded or cancelled, or the appointment is still ahead.", "Problem", .problem)]))

    static let apiJourneyRequests = RouteSpec(
        method: .get, path: "/api/v1/journey-requests", access: .roles([.admin, .transportPlanner, .transportManager, .bookingCoordinator, .teamLeader]), kind: .api, operationID: "listJourneyRequests",
        summary: "Open transport requests for appointments between two dates (from, to), for the transport service.",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset),
                                   ("from", "First day (YYYY-MM-DD).", true, .date), ("to", "Last day (YYYY-MM-DD), at most 92 days on.", true, .date)],
                                     responses: [("200", "By date and arrival time.", "JourneyRequestList", .json)]))

    static let apiAccessPolicyRead = RouteSpec(
        method: .get, path: "/api/v1/access-policy", access: .roles(Role.outpatientStaff), kind: .api, operationID: "getAccessPolicy",
        summary: "The access policy applied after DNAs.",
        operation: .init(responses: [("200", "The policy.", "AccessPolicy", .json)]))

    static let apiAccessPolicySet = RouteSpec(
        method: .put, path: "/api/v1/access-policy", access: .roles(Role.clinicEditors), kind: .api, operationID: "setAccessPolicy",
        summary: "Replace the access policy (audited).",
        operation: .init(requestSchema: "AccessPolicy", responses: [("200", "Stored.", "AccessPolicy", .json)]))

    static let apiAccessDecisions = RouteSpec(
        method: .get, path: "/api/v1/access-decisions", access: .roles(Role.outpatientStaff), kind: .api, operationID: "listAccessDecisions",
        summary: "Access decisions awaiting a clinician, oldest first.",
        operation: .init(query: [("limit", "Page size (1–1000, default 100); X-Total-Count or Link tells of more.", false, .limit()), ("offset", "Entries to skip (default 0); the Link header names the next page.", false, .offset)],
                         responses: [("200", "Pending decisions with their referrals.", "PendingDecisionList", .json)]))

    static let apiAccessDecisionResolve = RouteSpec(
        method: .post, path: "/api/v1/access-decisions/:id/resolution", access: .roles(AccessPolicyService.confirmers), kind: .api, operationID: "resolveAccessDecision",
        summary: "Confirm or (clinicians, with a note) override an access decision: rebook or discharge.",
        operation: .init(requestSchema: "ResolutionInput",
                                       responses: [("200", "Resolved.", "AccessDecision", .json), ("404", "No such decision.", "Problem", .problem),
                                                   ("409", "Already resolved, or an override without a note.", "Problem", .problem)]))

    static let apiSessionCancellations = RouteSpec(
        method: .post, path: "/api/v1/session-cancellations", access: .roles(Role.clinicEditors), kind: .api, operationID: "cancelSessions",
        summary: "Preview (default) or carry out the cancellation of clinic sessions: clinicians, days, optionally one template; lists every displaced booking and the capacity shortfall, and with rebook rebooks the displaced by clinical priority into remaining and short-notice clinics after a notice period.",
        operation: .init(requestSchema: "SessionCancellationInput",
                                responses: [("200", "The preview, or what was cancelled (committed true).", "SessionCancellation", .json)]), lane: .heavy)

    static let apiClosureDays = RouteSpec(
        method: .get, path: "/api/v1/closure-days", access: .roles(Role.outpatientStaff), kind: .api, operationID: "listClosureDays",
        summary: "The days clinics are closed: bank holidays of England and Wales and the trust's closure days, from one day to another (default: today and the year after).",
        operation: .init(query: [("from", "First day (YYYY-MM-DD), default today.", false, .date), ("to", "Last day (YYYY-MM-DD), at most three years on; default a year after from.", false, .date)],
                         responses: [("200", "By date.", "ClosedDayList", .json)]))

    static let apiClosureDayCreate = RouteSpec(
        method: .post, path: "/api/v1/closure-days", access: .roles(Role.clinicEditors), kind: .api, operationID: "closeClinics",
        summary: "Preview (default) or close the clinics on a day: every session that day is cancelled through the session-cancellation flow (booked patients cancelled with letters, or rebooked with rebook), and no slot is generated, offered or allocated on the day again.",
        operation: .init(requestSchema: "ClinicClosureInput",
                         responses: [("200", "The preview, or the day closed (committed true) with what was cancelled.", "ClinicClosureOutcome", .json),
                                     ("409", "The day is a bank holiday or already closed.", "Problem", .problem)]), lane: .heavy)

    static let apiClosureDayDelete = RouteSpec(
        method: .delete, path: "/api/v1/closure-days/:date", access: .roles(Role.clinicEditors), kind: .api, operationID: "reopenClinics",
        summary: "Reopen a trust closure day (sessions cancelled when it closed stay cancelled; add short-notice sessions to open clinics).",
        operation: .init(responses: [("204", "Reopened.", nil, .json), ("404", "No closure on that day.", "Problem", .problem),
                                     ("422", "Not a date.", "Problem", .problem)]))

    static let apiAllocations = RouteSpec(
        method: .post, path: "/api/v1/allocations", access: .roles(Role.patientEditors), kind: .api, operationID: "allocateWaitingLists",
        summary: "Auto-allocation: preview (default) the filling of free slots from the waiting lists in clinical-priority then due order, with a reason for everyone left; commit the previewed plan by its planID.",
        operation: .init(requestSchema: "AutoAllocationInput",
                                      responses: [("200", "The plan (committed false), or the bookings made (committed true).", "AllocationPlan", .json),
                                                  ("202", "A large preview runs as a solve job: the job, with its Location; its result is the plan.", "SolveJob", .json),
                                                  ("409", "The list or the slots changed since the preview; nothing was booked.", "Problem", .problem)]), lane: .heavy)

    static let apiReportWaitingList = RouteSpec(
        method: .get, path: "/api/v1/reports/waiting-list", access: .roles(Role.outpatientStaff), kind: .api, operationID: "getWaitingListReport",
        summary: "18-week performance, the list's shape by weeks waited, breaches by specialty, slot utilisation and DNA rate over the past days (specialtyId, days).",
        operation: .init(query: [("specialtyId", "Only this specialty.", false, "string"),
                                              ("days", "Utilisation and DNA rate over this many past days (1–366, default 28).", false, .integerIn(1...366, defaultValue: 28))],
                                      responses: [("200", "The report.", "WaitingListReport", .json)]), lane: .heavy)

    static let apiReportProjection = RouteSpec(
        method: .get, path: "/api/v1/reports/backlog-projection", access: .roles(Role.outpatientStaff), kind: .api, operationID: "projectBacklog",
        summary: "What-if: weeks to clear everyone waiting over 18 weeks and the share within 18 weeks, week by week, for given extra capacity (measured capacity and referrals unless given).",
        operation: .init(query: [("specialtyId", "Only this specialty's list.", false, "string"),
                                        ("weeks", "Weeks to project (1–104, default 26).", false, .integerIn(1...104, defaultValue: 26)),
                                        ("extraPerWeek", "Added first appointments a week (default 0).", false, .integerFrom(0, defaultValue: 0)),
                                        ("capacityPerWeek", "First appointments a week (default: measured over the coming 12 weeks).", false, .integerFrom(0, defaultValue: nil)),
                                        ("referralsPerWeek", "New referrals a week (default: measured over the past 12 weeks).", false, .integerFrom(0, defaultValue: nil))],
                                responses: [("200", "The projection.", "BacklogProjection", .json)]), lane: .heavy)

    static let waitingListChart = RouteSpec(
        method: .get, path: "/reports/waiting-list-shape.svg", access: .roles(Role.outpatientStaff), kind: .page, operationID: "showWaitingListChart",
        summary: "The waiting list's shape as an SVG bar chart (specialtyId).",
        operation: .init(query: [("specialtyId", "Only this specialty.", false, "string")],
                                      responses: [("200", "The chart.", nil, .svg)]), lane: .heavy)

    static let trackingListPage = RouteSpec(
        method: .get, path: "/outpatients/tracking-list", access: .roles(Role.outpatientStaff), kind: .page, operationID: "showTrackingList",
        summary: "The patient tracking list: open pathways by priority then due day, with filters.",
        operation: .init(query: [("specialtyId", "Only this specialty.", false, "string"), ("priority", "Only this clinical priority.", false, .choice(of: ClinicalPriority.self)),
                                          ("minWeeks", "Only pathways waiting at least this many weeks.", false, .integerFrom(0, defaultValue: nil)),
                                          ("breached", "Present: only pathways past their breach date.", false, "string"),
                                          ("view", "A saved view: to-book, two-week-waits-unbooked, breaching-this-week, breaching-in-4-weeks, no-slot-before-due, decisions-pending.", false,
                                           .choice(of: ReferralService.WorklistView.self)),
                                          ("sort", "Order: priority (most urgent, then due day; the default), patient, weeks (longest first), due, breach.", false,
                                           .choice(of: TrackingSort.self)),
                                          ("page", "Page of 100 (from 1).", false, .integerFrom(1, defaultValue: 1))],
                                  responses: [("200", "The list.", nil, .html), ("422", "A filter is invalid.", nil, .html)]), lane: .heavy)

    static let pathwayPage = RouteSpec(
        method: .get, path: "/outpatients/referrals/:id", access: .roles(Role.outpatientStaff), kind: .page, operationID: "showPathway",
        summary: "A referral's pathway: its RTT clock, appointments, letters and (for bookers) the best slots to book (audited read).",
        operation: .init(query: [("booked", "An appointment just booked, to confirm.", false, "string"), ("cancelled", "An appointment just cancelled, to confirm.", false, "string")],
                             responses: [("200", "The pathway.", nil, .html), ("404", "No such referral.", nil, .html)]))

    static let pathwayBooking = RouteSpec(
        method: .post, path: "/outpatients/referrals/:id/booking", access: .roles(Role.patientEditors), kind: .page, operationID: "submitPathwayBooking",
        summary: "Book the referral into a chosen slot from its pathway page.",
        operation: .init(requestSchema: "BookingForm", requestMedia: .form,
                                      responses: [("303", "Booked: back to the pathway.", nil, .html), ("409", "The slot was taken or the referral is not open.", nil, .html),
                                                  ("422", "Invalid input.", nil, .html)]))

    static let appointmentChangePage = RouteSpec(
        method: .get, path: "/outpatients/appointments/:id/change", access: .roles(Role.patientEditors), kind: .page, operationID: "showAppointmentChange",
        summary: "Reschedule a booked appointment in place: the best free slots for its pathway, who asks and how.",
        operation: .init(responses: [("200", "The form with the slots on offer.", nil, .html), ("404", "No such appointment.", nil, .html)]))

    static let appointmentChangeSubmit = RouteSpec(
        method: .post, path: "/outpatients/appointments/:id/change", access: .roles(Role.patientEditors), kind: .page, operationID: "submitAppointmentChange",
        summary: "Move a booked appointment to the chosen slot, keeping the clock, the history, transport and interpreter; one change letter.",
        operation: .init(requestSchema: "ChangeForm", requestMedia: .form,
                         responses: [("303", "Moved: back to the pathway.", nil, .html), ("409", "The slot was taken, or the appointment is not booked.", nil, .html),
                                     ("422", "Invalid input: the form again with the error beside its field.", nil, .html)]))

    static let appointmentCancellationConfirm = RouteSpec(
        method: .get, path: "/outpatients/appointments/:id/cancellation", access: .roles(Role.patientEditors), kind: .page, operationID: "showAppointmentCancellation",
        summary: "Confirm the cancellation of a booked appointment: who asks and why.",
        operation: .init(responses: [("200", "The confirmation form.", nil, .html), ("404", "No such appointment.", nil, .html)]))

    static let appointmentCancellationPage = RouteSpec(
        method: .post, path: "/outpatients/appointments/:id/cancellation", access: .roles(Role.patientEditors), kind: .page, operationID: "submitAppointmentCancellationForm",
        summary: "Cancel a booked appointment (from its confirmation page).",
        operation: .init(requestSchema: "CancellationForm", requestMedia: .form,
                                                   responses: [("303", "Cancelled: back to the pathway.", nil, .html), ("409", "Not a booked appointment: the confirmation page says so.", nil, .html),
                                                               ("422", "Invalid input.", nil, .html)]))

    static let clinicCalendarPage = RouteSpec(
        method: .get, path: "/outpatients/clinics", access: .roles(Role.outpatientStaff), kind: .page, operationID: "showClinicCalendar",
        summary: "A week of a clinician's or a location's clinic slots and who holds them.",
        operation: .init(query: [("clinicianId", "This clinician's slots.", false, "string"), ("locationId", "This location's slots.", false, "string"),
                                            ("specialtyId", "This specialty's slots.", false, "string"),
                                            ("referralId", "Booking for this pathway: its free slots link to the booking form.", false, "string"),
                                            ("from", "A day in the week to show (YYYY-MM-DD; default this week).", false, .date)],
                                    responses: [("200", "The week.", nil, .html), ("404", "No such pathway.", nil, .html), ("422", "Invalid input.", nil, .html)]))

    static let messagesPage = RouteSpec(
        method: .get, path: "/outpatients/messages", access: .roles(Role.outpatientStaff), kind: .page, operationID: "showMessages",
        summary: "Letters, texts and emails by status (failed by default), newest first, each with its patient and what went wrong.",
        operation: .init(query: [("status", "failed (default), queued, sent or cancelled.", false, .choice(of: OutboxMessage.Status.self))],
                         responses: [("200", "The messages.", nil, .html), ("422", "An unknown status.", nil, .html)]))

    static let slotBookingPage = RouteSpec(
        method: .get, path: "/outpatients/clinics/slots/:id/booking", access: .roles(Role.patientEditors), kind: .page, operationID: "showSlotBooking",
        summary: "Book a free slot from the clinic grid: the slot and the pathways that could take it, most urgent first.",
        operation: .init(query: [("referralId", "The pathway chosen already (from its pathway page).", false, "string")],
                         responses: [("200", "The form.", nil, .html), ("404", "No such slot or pathway.", nil, .html)]))

    static let slotBookingSubmit = RouteSpec(
        method: .post, path: "/outpatients/clinics/slots/:id/booking", access: .roles(Role.patientEditors), kind: .page, operationID: "submitSlotBooking",
        summary: "Book the chosen pathway into the slot.",
        operation: .init(requestSchema: "SlotBookingForm", requestMedia: .form,
                         responses: [("303", "Booked: on to the pathway.", nil, .html), ("404", "No such slot.", nil, .html),
                                     ("409", "The slot was taken or the pathway is not open.", nil, .html),
                                     ("422", "Invalid input: the form again with the error beside its field.", nil, .html)]))

    static let allocationPage = RouteSpec(
        method: .get, path: "/outpatients/allocation", access: .roles(Role.patientEditors), kind: .page, operationID: "showAllocation",
        summary: "The auto-allocation form.",
        operation: .init(responses: [("200", "The form.", nil, .html)]))

    static let allocationSubmit = RouteSpec(
        method: .post, path: "/outpatients/allocation", access: .roles(Role.patientEditors), kind: .page, operationID: "submitAllocation",
        summary: "Preview auto-allocation, or commit the previewed plan.",
        operation: .init(requestSchema: "AllocationForm", requestMedia: .form,
                                  responses: [("200", "The preview, or what was committed.", nil, .html), ("409", "The plan is stale: preview again.", nil, .html),
                                              ("422", "Invalid input.", nil, .html)]), lane: .heavy)

    static let strikePage = RouteSpec(
        method: .get, path: "/outpatients/strike", access: .roles(Role.clinicEditors), kind: .page, operationID: "showStrikeWizard",
        summary: "The strike rescheduling wizard: choose clinicians and days.",
        operation: .init(responses: [("200", "The form.", nil, .html)]))

    static let strikeSubmit = RouteSpec(
        method: .post, path: "/outpatients/strike", access: .roles(Role.clinicEditors), kind: .page, operationID: "submitStrike",
        summary: "Preview the cancellation of sessions with rebooking of the displaced, or carry it out.",
        operation: .init(requestSchema: "StrikeForm", requestMedia: .form,
                              responses: [("200", "The preview, or what was done.", nil, .html), ("409", "A conflict with stored state.", nil, .html),
                                          ("422", "Invalid input.", nil, .html)]), lane: .heavy)

    static let reportsPage = RouteSpec(
        method: .get, path: "/outpatients/reports", access: .roles(Role.outpatientStaff), kind: .page, operationID: "showReports",
        summary: "18-week performance, the list's shape, breaches by specialty, utilisation, DNA rate and the what-if projection.",
        operation: .init(query: [("specialtyId", "Only this specialty.", false, "string"), ("extraPerWeek", "Extra first appointments a week for the projection.", false, .integerFrom(0, defaultValue: 0)),
                                     ("weeks", "Weeks to project (1–104, default 26).", false, .integerIn(1...104, defaultValue: 26))],
                             responses: [("200", "The reports.", nil, .html)]), lane: .heavy)

    static let apiReferralsImport = RouteSpec(
        method: .post, path: "/api/v1/referrals/import", access: .roles(Role.patientEditors), kind: .api, operationID: "importReferrals",
        summary: "Import referrals from CSV (text/csv: a header row naming nhs_number, specialty_code, referrer, priority, received and optionally available_weekdays, available_from, consultant_led); all or nothing.",
        operation: .init(requestSchema: "ReferralCSV", requestMedia: .csv,
                                 responses: [("201", "Every referral is on its waiting list.", "ReferralImportResult", .json),
                                             ("422", "Problems by row and column; nothing was stored.", "Problem", .problem)]), lane: .heavy)

    static let apiTrackingListCSV = RouteSpec(
        method: .get, path: "/api/v1/tracking-list.csv", access: .roles(Role.outpatientStaff), kind: .api, operationID: "exportTrackingList",
        summary: "The patient tracking list as CSV, with the same filters (the export is audited).",
        operation: .init(query: [("specialtyId", "Only this specialty's list.", false, "string"), ("priority", "Only this clinical priority.", false, .choice(of: ClinicalPriority.self)),
                                            ("minWeeks", "Only pathways waiting at least this many weeks.", false, .integerFrom(0, defaultValue: nil)),
                                            ("breached", "true: only pathways past their 18-week breach date.", false, "boolean"),
                                              ("view", "A saved view of the list (as on the page).", false, .choice(of: ReferralService.WorklistView.self))],
                                    responses: [("200", "One pathway a row, most urgent first.", nil, .csv)]), lane: .heavy)

    static let trackingListCSVPage = RouteSpec(
        method: .get, path: "/outpatients/tracking-list.csv", access: .roles(Role.outpatientStaff), kind: .page, operationID: "downloadTrackingList",
        summary: "Download the patient tracking list as CSV, with the page's filters (audited).",
        operation: .init(query: [("specialtyId", "Only this specialty's list.", false, "string"), ("priority", "Only this clinical priority.", false, .choice(of: ClinicalPriority.self)),
                                              ("minWeeks", "Only pathways waiting at least this many weeks.", false, .integerFrom(0, defaultValue: nil)),
                                              ("breached", "true: only pathways past their 18-week breach date.", false, "boolean"),
                                              ("view", "A saved view of the list (as on the page).", false, .choice(of: ReferralService.WorklistView.self))],
                                      responses: [("200", "The CSV file.", nil, .csv)]), lane: .heavy)

    /// Every route of the group, in registration order.
    static let all: [RouteSpec] = [
        apiReferralsCreate, apiReferralsRead, apiReferralsRemove, apiTrackingList, apiClinicTemplatesCreate, apiClinicTemplateChange,
        apiSlotsGenerate, apiSlotsList, apiBookingsCreate, apiReferralOffers, apiOfferRecordsList, apiOfferRecordsCreate, apiOfferRecordOutcome, apiPathwayNotesList, apiPathwayNotesCreate, apiReferralAvailability, apiAppointmentRead, apiReferralAppointments,
        apiAppointmentCancel, apiAppointmentChange, apiAppointmentOutcome, apiJourneyRequests, apiAccessPolicyRead, apiAccessPolicySet,
        apiAccessDecisions, apiAccessDecisionResolve, apiSessionCancellations, apiClosureDays, apiClosureDayCreate, apiClosureDayDelete, apiAllocations, apiReportWaitingList, apiReportProjection,
        waitingListChart, trackingListPage, pathwayPage, pathwayBooking, pathwayOfferSubmit, offerOutcomeSubmit, pathwayNoteSubmit, appointmentChangePage, appointmentChangeSubmit, appointmentCancellationConfirm, appointmentCancellationPage, clinicCalendarPage, messagesPage, slotBookingPage, slotBookingSubmit, allocationPage,
        allocationSubmit, strikePage, strikeSubmit, reportsPage, apiReferralsImport, apiTrackingListCSV, trackingListCSVPage,
    ]
}
