import SchedulingDomain
import SchedulingServices

extension OpenAPIDocument {
    static var coordinates: [String: Any] {
        object(["latitude": ["type": "number", "minimum": -90, "maximum": 90], "longitude": ["type": "number", "minimum": -180, "maximum": 180]],
               required: ["latitude", "longitude"])
    }

    static var space: [String: Any] {
        object(["seats": ["type": "integer"], "wheelchairSpaces": ["type": "integer"], "stretchers": ["type": "integer"]], required: ["seats", "wheelchairSpaces", "stretchers"])
    }

    static var mobility: [String: Any] { ["type": "string", "enum": MobilityCategory.allCases.map(\.rawValue)] }

    /// The JSON schemas of the transport routes.
    static var transportSchemas: [String: Any] {
        let minutes: [String: Any] = ["type": "integer", "minimum": 0]
        let standards = object([
            "earliestArrivalMinutes": minutes, "collectWithinMinutes": minutes, "maxOnVehicleMinutes": minutes,
            "overrides": ["type": "array", "items": object(["category": mobility, "earliestArrivalMinutes": minutes, "collectWithinMinutes": minutes,
                                                            "maxOnVehicleMinutes": minutes], required: ["category"])],
        ], required: ["earliestArrivalMinutes", "collectWithinMinutes", "maxOnVehicleMinutes", "overrides"])
        let seconds: [String: Any] = ["type": "integer", "description": "Seconds after midnight."]
        let eligibility: [String: Any] = ["type": "string", "enum": TransportJourney.Eligibility.allCases.map(\.rawValue), "description": "The NEPTS eligibility criterion met."]
        let position: [String: Any] = ["type": "integer", "minimum": 1, "maximum": 500, "description": "The stop number in the run, from 1 (absent: in time order)."]
        let thirdParty: [String: Any] = ["type": "array", "items": object(["journeyID": string, "providerID": string, "providerName": string, "pricePence": ["type": "integer"],
                                                                                  "pickup": ["type": "integer", "description": "When the provider collects the patient, seconds after midnight (direct trip, as late as the window allows)."]],
                                                                           required: ["journeyID", "providerID", "providerName", "pricePence"])]
        let progress = object(["arrived": timeOfDay, "pickedUp": timeOfDay, "delivered": timeOfDay, "incident": string])
        let plan = object([
            "date": date,
            "runs": ["type": "array", "items": object([
                "shiftID": string, "departure": seconds, "back": seconds, "metres": ["type": "integer"], "breakAfterStops": ["type": "integer"], "breakStart": seconds,
                "stops": ["type": "array", "items": object(["journeyID": string, "kind": ["type": "string", "enum": ["pickup", "drop-off"]], "arrival": seconds, "start": seconds],
                                                           required: ["journeyID", "kind", "arrival", "start"])],
            ], required: ["shiftID", "departure", "back", "stops", "metres"])],
            "unplanned": ["type": "array", "items": object(["journeyID": string, "code": string, "explanation": string, "plannableAlone": ["type": "boolean"]],
                                                           required: ["journeyID", "code", "explanation", "plannableAlone"])],
        ], required: ["date", "runs", "unplanned"])
        let actuals = object(["delivered", "aborted", "cancelled", "arrivals", "arrivalsOnTime", "arrivalsTooEarly", "rides", "ridesWithinLimit",
                              "meanMinutesOnBoard", "collections", "meanCollectionWaitMinutes", "longestCollectionWaitMinutes"].reduce(into: [String: Any]()) { $0[$1] = ["type": "number"] },
                             required: ["delivered", "aborted", "cancelled", "arrivals", "arrivalsOnTime", "rides", "ridesWithinLimit", "collections"])
        let money = object(["contractJourneys", "ecjJourneys", "incomePence", "ecjIncomePence", "thirdPartyJourneys", "thirdPartySpendPence"]
            .reduce(into: [String: Any]()) { $0[$1] = ["type": "integer"] },
                           required: ["contractJourneys", "ecjJourneys", "incomePence", "ecjIncomePence", "thirdPartyJourneys", "thirdPartySpendPence"])
        let localDateTime: [String: Any] = ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$",
                                            "description": "A London wall-clock date and time, YYYY-MM-DDTHH:MM."]
        let clusterCode: [String: Any] = ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,39}$", "description": "A cluster's code: lower-case letters, digits and hyphens."]
        let contractCode: [String: Any] = ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,39}$", "description": "A contract's code: lower-case letters, digits and hyphens."]
        let kpiNames = ["journeys", "planned", "arrivals", "arrivalsOnTime", "arrivalsTooEarly", "meanMinutesBeforeAppointment", "onBoardWithinHour", "meanMinutesOnBoard",
                        "longestMinutesOnBoard", "collections", "meanCollectionWaitMinutes", "longestCollectionWaitMinutes", "vehiclesUsed", "vehicleHours",
                        "shiftHours", "utilisation", "journeysPerVehicleHour", "kilometres"]
        let kpis = object(Dictionary(uniqueKeysWithValues: kpiNames.map { ($0, ["type": "number"] as [String: Any]) })
            .merging(["overtimeCrewMinutes": ["type": "integer", "description": "Crew-minutes worked past shifts' ends (each crew member counts)."]]) { $1 },
            required: kpiNames)
        let shift = object([
            "id": string, "date": date, "vehicleName": string, "capacity": space, "crewSize": ["type": "integer"], "base": coordinates, "start": timeOfDay, "end": timeOfDay,
            "restBreak": object(["earliest": timeOfDay, "latest": timeOfDay, "minutes": ["type": "integer"]], required: ["earliest", "latest", "minutes"]),
            "bariatric": ["type": "boolean"],
            "convertibleWheelchairSpaces": ["type": "integer", "minimum": 0, "description": "Further wheelchair spaces made by folding seats, two seats each."],
            "baseName": ["type": "string", "description": "The base's name, when the shift was made from a base on record."],
            "vehicleID": ["type": "string", "description": "The vehicle on record it is worked on."],
            "overtimeMinutes": ["type": "integer", "minimum": 0, "maximum": VehicleShift.maximumOvertimeMinutes,
                                "description": "Minutes the crew may work on past end when the plan needs them, paid as overtime."],
        ], required: ["id", "date", "vehicleName", "capacity", "crewSize", "base", "start", "end", "bariatric", "convertibleWheelchairSpaces", "overtimeMinutes"])
        return [
            "TransportContract": object([
                "id": contractCode.merging(["description": "The contract's code (default main; on PUT /contracts/{code} the path's code)."]) { $1 },
                "commissioner": ["type": "string", "maxLength": 120, "description": "Who pays for it."],
                "locationIDs": ["type": "array", "maxItems": 50, "uniqueItems": true, "items": string,
                                "description": "The clinic locations it serves: journeys from outpatient bookings there are under it."],
                "name": text(120), "standards": standards, "pricePerJourneyPence": ["type": "integer", "minimum": 0, "maximum": 1_000_000],
                "ecjPricePence": ["type": "integer", "minimum": 0, "maximum": 1_000_000],
                "fleetPencePerKm": ["type": "integer", "minimum": 1, "maximum": 10_000,
                                    "description": "What the fleet's driving costs per km in pence: planning gives a journey to a third-party provider when reaching it costs the fleet more than the provider's price. Default 100."],
                "overtimePencePerCrewHour": ["type": "integer", "minimum": 1, "maximum": 100_000,
                                             "description": "What an hour of one crew member's overtime costs in pence (the lead contract's counts): planning runs a shift on past its end, where the shift allows it, only when that costs less than driving or a provider. Default 2500."],
                "clusterID": clusterCode.merging(["description": "The cluster whose fleet carries its journeys (default main; the lead contract's is always main)."]) { $1 },
            ], required: ["name", "standards", "pricePerJourneyPence", "ecjPricePence"]),
            "TransportContractList": ["type": "array", "items": ref("TransportContract"), "description": "Every cluster's contracts, the lead first."],
            "TransportCluster": object(["id": clusterCode, "name": text(120)], required: ["id", "name"]),
            "TransportClusterInput": object(["name": text(120)], required: ["name"]),
            "TransportClusterList": ["type": "array", "items": ref("TransportCluster"), "description": "The clusters, the first (main) first."],
            "JourneyInput": object([
                "patientID": text(100), "date": date, "direction": ["type": "string", "enum": BookedDirection.allCases.map(\.rawValue)], "time": timeOfDay,
                "returnTime": timeOfDay, "pickup": coordinates, "destination": coordinates, "mobility": mobility,
                "escorts": ["type": "integer", "minimum": 0, "maximum": 3], "ecj": ["type": "boolean", "description": "An extra-contractual journey, charged at the ECJ price."],
                "urgent": ["type": "boolean", "description": "An urgent journey, planned before any other."],
                "bariatric": ["type": "boolean", "description": "A bariatric patient: only a bariatric vehicle and crew may carry them."],
                "eligibility": eligibility, "notes": ["type": "string", "maxLength": 500, "description": "Special needs for the crew."],
                "contract": ["type": "string", "description": "The code of the contract it is carried under; the lead contract if left out."],
            ], required: ["patientID", "date", "direction", "time", "mobility"]),
            "TransportJourney": object([
                "id": string, "patientID": string, "appointmentID": string, "date": date,
                "direction": ["type": "string", "enum": TransportJourney.Direction.allCases.map(\.rawValue)], "time": timeOfDay,
                "pickup": coordinates, "destination": coordinates, "mobility": mobility, "escorts": ["type": "integer"], "ecj": ["type": "boolean"], "urgent": ["type": "boolean"], "bariatric": ["type": "boolean"], "eligibility": eligibility, "notes": string,
                "contractID": contractCode, "status": ["type": "string", "enum": TransportJourney.Status.allCases.map(\.rawValue)], "progress": progress,
                "calls": object(["attempts": ["type": "integer", "minimum": 0], "last": ["type": "string", "enum": TransportJourney.CallOutcome.allCases.map(\.rawValue)]],
                                required: ["attempts"]),
            ], required: ["id", "patientID", "date", "direction", "time", "pickup", "destination", "mobility", "escorts", "ecj", "urgent", "bariatric", "status", "progress", "calls"]),
            "JourneyEventInput": object(["event": ["type": "string", "enum": TransportJourney.Event.allCases.map(\.rawValue)], "time": timeOfDay,
                                         "note": ["type": "string", "maxLength": 500]], required: ["event"]),
            "ThirdPartyProvider": object([
                "id": text(40), "name": text(120), "dailyLimit": ["type": "integer", "minimum": 1, "maximum": 1_000],
                "prices": ["type": "object", "description": "Price per journey in pence, by mobility category.",
                           "additionalProperties": ["type": "integer", "minimum": 0, "maximum": 1_000_000]],
                "maxEscorts": ["type": "integer", "minimum": 0, "maximum": 3, "description": "Escorts it seats beside the patient (absent: 3)."],
                "bariatric": ["type": "boolean", "description": "Whether it carries bariatric patients (absent: no)."],
            ], required: ["id", "name", "prices", "dailyLimit"]),
            "ThirdPartyProviderList": ["type": "array", "maxItems": 50, "items": ref("ThirdPartyProvider")],
            "MapTiles": object(["url": ["type": "string", "maxLength": 300, "description": "A URL template with {z}, {x} and {y} (256-pixel Web Mercator tiles)."],
                                "attribution": text(200)], required: ["url", "attribution"]),
            "TransportBase": object(["id": text(40), "name": text(80), "location": coordinates], required: ["id", "name", "location"]),
            "TransportBaseList": ["type": "array", "maxItems": 50, "items": ref("TransportBase")],
            "ThirdPartyAuthorisation": object(["jobID": string, "journeyID": string, "providerID": string, "pricePence": ["type": "integer"], "authorisedBy": string,
                                               "authorisedAt": dateTime], required: ["jobID", "journeyID", "providerID", "pricePence", "authorisedBy", "authorisedAt"]),
            "ThirdPartyAuthorisationList": array("ThirdPartyAuthorisation"),
            "JourneyCSV": ["type": "string", "description": "CSV text: a header row, then one booking a row."],
            "JourneyImportResult": object(["created": ["type": "integer"], "journeyIDs": ["type": "array", "items": string]], required: ["created", "journeyIDs"]),
            "ConfirmationCall": object(["outcome": ["type": "string", "enum": TransportJourney.CallOutcome.allCases.map(\.rawValue)]], required: ["outcome"]),
            "TransportContractForm": object(["_csrf": string, "contractId": string, "new": string, "code": string, "commissioner": string, "remove": string, "clusterId": string,
                                                "locations[]": ["type": "array", "items": string], "name": string, "price": string, "ecjPrice": string, "fleetCost": string, "overtimeCost": string, "earliestArrival": string,
                                             "collectWithin": string, "maxOnVehicle": string], required: ["_csrf"]),
            "ThirdPartyProviderForm": object(["_csrf": string, "providerId": string, "name": string, "walking": string, "seated": string, "wheelchair": string,
                                              "stretcher": string, "dailyLimit": string, "maxEscorts": string, "bariatric": string, "remove": string], required: ["_csrf"]),
            "TransportBaseForm": object(["_csrf": string, "baseId": string, "name": string, "latitude": string, "longitude": string, "remove": string],
                                        required: ["_csrf"]),
            "MapTilesForm": object(["_csrf": string, "url": string, "attribution": string, "remove": string], required: ["_csrf"]),
            "ClinicListSendForm": object(["_csrf": string, "siteId": string, "date": string], required: ["_csrf", "siteId", "date"]),
            "ConfirmationCallForm": object(["_csrf": string, "outcome": string, "date": string], required: ["_csrf", "outcome"]),
            "JourneyEventForm": object(["_csrf": string, "event": string, "note": string, "date": string], required: ["_csrf", "event"]),
            "TransportJourneyList": array("TransportJourney"),
            "JourneyCancellation": object(["reason": ["type": "string", "enum": JourneyCancellationReason.allCases.map(\.rawValue)]], required: ["reason"]),
            "ShiftInput": object([
                "date": date, "vehicleName": text(80), "seats": ["type": "integer", "minimum": 0, "maximum": 20],
                "wheelchairSpaces": ["type": "integer", "minimum": 0, "maximum": 20], "stretchers": ["type": "integer", "minimum": 0, "maximum": 20],
                "crewSize": ["type": "integer", "minimum": 1, "maximum": 2], "base": coordinates,
                "baseID": ["type": "string", "maxLength": 40, "description": "A base on record (GET /api/v1/transport/bases); give this or base."],
                "start": timeOfDay, "end": timeOfDay,
                "breakEarliest": timeOfDay, "breakLatest": timeOfDay, "breakMinutes": ["type": "integer", "minimum": 5, "maximum": 120],
                "crewUserIDs": ["type": "array", "maxItems": 2, "items": text(100)],
                "bariatric": ["type": "boolean", "description": "Vehicle and crew equipped and trained for bariatric patients."],
                "convertibleWheelchairSpaces": ["type": "integer", "minimum": 0, "maximum": 10,
                                                "description": "Further wheelchair spaces the vehicle can make by folding seats, two seats each (0 if left out)."],
                "vehicleID": ["type": "string", "maxLength": 40,
                              "description": "A vehicle on record (GET /api/v1/transport/vehicles): its call sign, space, folding seats and base are used, and vehicleName, seats, wheelchairSpaces, stretchers and convertibleWheelchairSpaces are left out. Without it, vehicleName is required."],
                "overtimeMinutes": ["type": "integer", "minimum": 0, "maximum": VehicleShift.maximumOvertimeMinutes,
                                    "description": "Minutes the crew may work on past end when the plan needs them, paid as overtime at the lead contract's rate (0 if left out; back before midnight)."],
            ], required: ["date", "crewSize", "start", "end"]),
            "TransportVehicle": object([
                "id": contractCode.merging(["description": "The vehicle's code (on PUT /vehicles/{code} the path's code)."]) { $1 },
                "name": text(80), "capacity": space,
                "convertibleWheelchairSpaces": ["type": "integer", "minimum": 0, "maximum": 10], "bariatric": ["type": "boolean"],
                "baseID": ["type": "string", "maxLength": 40, "description": "A base on record."],
                "offRoad": ["type": "array", "maxItems": 50, "items": ref("OffRoadPeriod")],
                "clusterID": clusterCode.merging(["description": "The cluster it works for (default main)."]) { $1 },
            ], required: ["name", "capacity"]),
            "TransportVehicleList": ["type": "array", "items": ref("TransportVehicle")],
            "CrewSkills": object(["skills": ["type": "array", "uniqueItems": true, "items": ["type": "string", "enum": CrewSkill.allCases.map(\.rawValue)]]],
                                 required: ["skills"]),
            "CrewMember": object(["userID": string, "name": string,
                                  "skills": ["type": "array", "items": ["type": "string", "enum": CrewSkill.allCases.map(\.rawValue)],
                                             "description": "What the member is trained for; absent while not on record."]],
                                 required: ["userID", "name"]),
            "CrewMemberList": ["type": "array", "items": ref("CrewMember")],
            "CrewSkillsForm": object(["_csrf": string, "userId": string, "skills[]": ["type": "array", "items": string]], required: ["_csrf"]),
            "OffRoadPeriod": object(["from": localDateTime, "to": localDateTime, "reason": text(120)], required: ["from", "to", "reason"]),
            "OffRoadResult": object(["vehicle": ref("TransportVehicle"),
                                     "cut": ["type": "array", "items": ref("VehicleShift"), "description": "The shifts on record the period takes out or cuts."]],
                                    required: ["vehicle", "cut"]),
            "VehicleShift": shift,
            "VehicleShiftList": array("VehicleShift"),
            "TransportPlanRequest": object([
                "date": date, "timeLimitSeconds": ["type": "integer", "minimum": 1, "maximum": 120],
                "cluster": clusterCode.merging(["description": "The cluster planned (default main)."]) { $1 },
                "breakdown": object(["at": timeOfDay, "shiftIDs": ["type": "array", "minItems": 1, "maxItems": 100, "items": text(100)]], required: ["at", "shiftIDs"]),
                "edit": object([
                    "fromJobID": text(100),
                    "moves": ["type": "array", "minItems": 1, "maxItems": 50, "items": object([
                        "journeyID": text(100), "shiftID": ["type": ["string", "null"], "minLength": 1, "maxLength": 100, "description": "null: leave the journey out."],
                        "pickupAt": position, "dropOffAt": position,
                    ], required: ["journeyID"])],
                ], required: ["moves"]),
            ], required: ["date"]),
            "TransportPlan": plan,
            "TransportKPIs": kpis,
            "TransportPlanProposal": object([
                "date": date, "cluster": string, "basis": string, "basedOnVersion": ["type": "integer"], "plan": ref("TransportPlan"), "checked": ["type": "boolean"],
                "violations": ["type": "array", "items": string], "kpis": ref("TransportKPIs"), "cost": ["type": "integer"],
                "replan": object(["at": timeOfDay, "brokenShiftIDs": ["type": "array", "items": string], "frozenMoved": ["type": "integer"],
                                  "rescues": ["type": "integer"], "rescued": ["type": "integer"]], required: ["at", "brokenShiftIDs", "frozenMoved", "rescues", "rescued"]),
                "thirdParty": thirdParty,
                "edit": object([
                    "fromJobID": string, "fromVersion": ["type": "integer"],
                    "moves": ["type": "array", "items": object(["journeyID": string, "shiftID": string, "pickupAt": ["type": "integer"], "dropOffAt": ["type": "integer"]],
                                                               required: ["journeyID"])],
                    "findings": ["type": "array", "items": object([
                        "rule": string, "shiftID": string, "journeyID": string, "stop": ["type": "string", "enum": ["pickup", "drop-off"]],
                        "excess": ["type": "integer", "description": "Seconds late, early or over; places over for capacity."],
                    ], required: ["rule"])],
                ], required: ["moves", "findings"]),
            ], required: ["date", "basis", "plan", "checked", "violations", "kpis", "thirdParty"]),
            "CommittedTransportPlan": object([
                "plan": ref("TransportPlan"), "version": ["type": "integer", "minimum": 1], "basis": string, "jobID": string, "committedAt": dateTime,
                "committedBy": string, "kpis": ref("TransportKPIs"), "thirdParty": thirdParty, "clusterID": string,
            ], required: ["plan", "version", "basis", "jobID", "committedAt", "committedBy", "thirdParty", "clusterID"]),
            "RunSheet": object([
                "shift": shift, "planVersion": ["type": "integer"], "departure": timeOfDay, "back": timeOfDay, "breakStart": timeOfDay,
                "breakAfterStops": ["type": "integer"],
                "stops": ["type": "array", "items": object([
                    "journeyID": string, "kind": ["type": "string", "enum": ["pickup", "drop-off"]], "arrival": timeOfDay, "start": timeOfDay,
                    "patientName": string, "mobility": mobility, "escorts": ["type": "integer"], "appointmentOrReady": timeOfDay,
                    "direction": ["type": "string", "enum": TransportJourney.Direction.allCases.map(\.rawValue)], "place": coordinates, "address": string,
                    "status": ["type": "string", "enum": TransportJourney.Status.allCases.map(\.rawValue)], "progress": progress,
                    "notes": string, "urgent": ["type": "boolean"], "bariatric": ["type": "boolean"],
                ], required: ["journeyID", "kind", "arrival", "start", "patientName", "mobility", "escorts", "appointmentOrReady", "direction", "place", "status", "progress"])],
            ], required: ["shift", "stops"]),
            "RunSheetList": array("RunSheet"),
            "TransportPlanForm": object(["_csrf": string, "date": string, "cluster": string, "timeLimitSeconds": string, "breakdownAt": string, "breakdownShiftId": string],
                                        required: ["_csrf", "date"]),
            "TransportReports": object([
                "contract": ["type": "string", "description": "The cluster's lead contract's name."],
                "cluster": object(["id": string, "name": string], required: ["id", "name"]),
                "contracts": ["type": "array", "items": object(["id": string, "name": string, "commissioner": string], required: ["id", "name"])],
                "days": ["type": "array", "items": object([
                    "date": date, "planVersion": ["type": "integer"], "planned": ref("TransportKPIs"),
                    "actuals": actuals, "money": money,
                    "contracts": ["type": "array", "description": "Each contract's share of the day: its journeys not cancelled, the crews' record and the money at its prices.",
                                  "items": object(["contractID": string, "journeys": ["type": "integer"], "actuals": actuals, "money": money],
                                                  required: ["contractID", "journeys", "actuals", "money"])],
                    "lines": ["type": "array", "description": "Each journey planned against actual (seconds after midnight); only for a single day.",
                              "items": object(["journeyID": string, "plannedPickup": ["type": "integer"], "actualPickup": ["type": "integer"], "plannedDelivery": ["type": "integer"],
                                               "actualDelivery": ["type": "integer"], "plannedMinutesOnBoard": ["type": "integer"], "actualMinutesOnBoard": ["type": "integer"]],
                                              required: ["journeyID"])],
                ], required: ["date", "actuals", "money", "contracts", "lines"])],
            ], required: ["contract", "cluster", "contracts", "days"]),
            "RunSheetStamp": object(["stamp": string], required: ["stamp"]),
            "ReadyTime": object(["time": timeOfDay], required: ["time"]),
            "ReadyTimeForm": object(["_csrf": string, "date": string, "journeyId": string, "time": string], required: ["_csrf"]),
            "TransportEditForm": object(["_csrf": string, "date": string, "journeyId": string, "shiftId": string, "pickupStop": string, "dropOffStop": string],
                                        required: ["_csrf", "date"]),
            "ClinicListAddress": object(["email": ["type": "string", "minLength": 3, "maxLength": 254, "description": "Where the site's clinic lists are emailed."]],
                                        required: ["email"]),
            "ClinicListAddressForm": object(["_csrf": string, "siteId": string, "date": string, "email": string, "remove": string], required: ["_csrf", "siteId"]),
            "TransportShiftForm": object(["_csrf": string, "date": string, "cluster": string, "vehicleId": string, "baseId": string, "crewSize": string, "crew1": string, "crew2": string,
                                          "start": string, "end": string, "breakEarliest": string, "breakLatest": string, "breakMinutes": string,
                                          "overtimeMinutes": string], required: ["_csrf", "date"]),
            "ShiftSplitForm": object(["_csrf": string, "shiftId": string, "date": string, "cluster": string], required: ["_csrf", "shiftId"]),
            "TransportClusterForm": object(["_csrf": string, "clusterId": string, "name": string, "code": string, "remove": string], required: ["_csrf"]),
            "TransportVehicleForm": object(["_csrf": string, "vehicleId": string, "code": string, "name": string, "seats": string, "wheelchairSpaces": string,
                                            "stretchers": string, "folding": string, "bariatric": string, "baseId": string, "clusterId": string, "remove": string], required: ["_csrf"]),
            "OffRoadForm": object(["_csrf": string, "vehicleId": string, "fromDate": string, "fromTime": string, "toDate": string, "toTime": string,
                                   "reason": string, "end": string], required: ["_csrf"]),
            "JourneyForm": object(["_csrf": string, "patientId": string, "date": string, "direction": string, "time": string, "returnTime": string,
                                   "destination": string, "mobility": string, "escorts": string, "ecj": string, "urgent": string, "bariatric": string, "eligibility": string,
                                   "notes": string, "contract": string], required: ["_csrf"]),
        ]
    }
}
