import SchedulingDomain
import SchedulingServices

extension OpenAPIDocument {
    /// The JSON schemas of the shared routes.
    static var sharedSchemas: [String: Any] { [
        "Problem": object([
            "type": string, "title": string, "status": ["type": "integer"], "detail": string, "instance": string,
            "requestId": string, "issues": array("ValidationIssue"),
        ], required: ["type", "title", "status", "detail"]),
        "ValidationIssue": object(["path": string, "code": string, "message": string], required: ["path", "code", "message"]),
        "Health": object(["status": ["type": "string", "enum": ["ok", "degraded"]], "database": string, "time": dateTime],
                         required: ["status", "database", "time"]),
        "LoginForm": object(["username": string, "password": string, "_csrf": string, "next": string], required: ["username", "password", "_csrf"]),
        "CSRFForm": object(["_csrf": string], required: ["_csrf"]),
        "PasswordForm": object(["_csrf": string, "currentPassword": string, "newPassword": ["type": "string", "minLength": 12]],
                               required: ["_csrf", "currentPassword", "newPassword"]),
        "UserForm": object(["_csrf": string, "username": string, "displayName": string, "role": roleSchema],
                           required: ["_csrf", "username", "displayName", "role"]),
        "User": object(["id": string, "username": string, "displayName": string, "role": roleSchema, "active": ["type": "boolean"],
                        "createdAt": dateTime], required: ["id", "username", "displayName", "role", "active", "createdAt"]),
        "UserList": array("User"),
        "CreateUserRequest": object(["username": string, "displayName": string, "role": roleSchema],
                                    required: ["username", "displayName", "role"]),
        "CreatedUser": object(["user": ref("User"), "oneTimePassword": string], required: ["user", "oneTimePassword"]),
        "Token": object(["id": string, "name": string, "createdAt": dateTime, "revokedAt": ["type": ["string", "null"], "format": "date-time"]],
                        required: ["id", "name", "createdAt"]),
        "TokenList": array("Token"),
        "CreateTokenRequest": object(["name": string]),
        "IssuedToken": object(["token": ref("Token"), "secret": string], required: ["token", "secret"]),
        "Address": object(["lines": ["type": "array", "items": string], "town": string, "postcode": string,
                           "coordinates": ["oneOf": [ref("Coordinates"), ["type": "null"]]]], required: ["lines", "town", "postcode"]),
        "Coordinates": object(["latitude": ["type": "number"], "longitude": ["type": "number"]], required: ["latitude", "longitude"]),
        "Patient": object([
            "id": string, "nhsNumber": ["type": "string", "pattern": "^[0-9]{10}$"], "givenName": string, "familyName": string,
            "birthDate": ["type": "string", "format": "date"], "sex": ["type": "string", "enum": Patient.Sex.allCases.map(\.rawValue)],
            "address": ref("Address"), "phone": nullableString, "email": nullableString,
        ], required: ["id", "nhsNumber", "givenName", "familyName", "birthDate", "sex", "address"]),
        "PatientList": array("Patient"),
        "PatientInput": object([
            "nhsNumber": string, "givenName": string, "familyName": string, "birthDate": ["type": "string", "format": "date"],
            "sex": ["type": "string", "enum": Patient.Sex.allCases.map(\.rawValue)],
            "address": object(["lines": ["type": "array", "items": string], "town": string, "postcode": string,
                               "latitude": ["type": "number"], "longitude": ["type": "number"]], required: ["lines", "town", "postcode"]),
            "phone": string, "email": string,
        ], required: ["nhsNumber", "givenName", "familyName", "birthDate", "address"]),
        "OutboxMessage": object([
            "id": string, "kind": ["type": "string", "enum": OutboxMessage.Kind.allCases.map(\.rawValue)], "channel": ["type": "string", "enum": OutboxMessage.Channel.allCases.map(\.rawValue)],
            "recipient": ["type": "string", "enum": OutboxMessage.Recipient.allCases.map(\.rawValue)], "patientID": string, "referralID": nullableString, "appointmentID": nullableString,
            "dueAt": dateTime, "status": ["type": "string", "enum": OutboxMessage.Status.allCases.map(\.rawValue)], "attempts": ["type": "integer"], "lastError": nullableString,
            "subject": string, "body": string, "createdAt": dateTime, "sentAt": dateTime,
        ], required: ["id", "kind", "channel", "recipient", "patientID", "dueAt", "status", "attempts", "subject", "body", "createdAt"]),
        "OutboxMessageList": array("OutboxMessage"),
        "OutboxCountList": ["type": "array", "items": object(["status": ["type": "string", "enum": OutboxMessage.Status.allCases.map(\.rawValue)], "channel": ["type": "string", "enum": OutboxMessage.Channel.allCases.map(\.rawValue)],
                                                              "count": ["type": "integer"]], required: ["status", "channel", "count"])],
        "TaskInput": object(["status": ["type": "string", "enum": ["sent", "failed"]]], required: ["status"]),
        "MessagingSettings": object([
            "bookingPhone": nullableString, "preparation": ["type": "object", "additionalProperties": string],
            "reminders": object(["reminders": ["type": "array", "items": object(["channel": ["type": "string", "enum": ["sms", "email", "phone"]],
                                                                                  "daysBefore": ["type": "integer", "minimum": 0, "maximum": 60]],
                                                                                 required: ["channel", "daysBefore"])],
                                 "sendAt": string], required: ["reminders", "sendAt"]),
        ], required: ["preparation", "reminders"]),
        "MessageTemplate": object(["subject": string, "body": string], required: ["subject", "body"]),
        "OrganisationOverview": object([
            "organisation": ["oneOf": [object(["code": string, "name": string], required: ["code", "name"]), ["type": "null"]]],
            "specialties": ["type": "array", "items": object(["id": string, "code": string, "name": string], required: ["id", "code", "name"])],
            "locations": ["type": "array", "items": object(["id": string, "name": string, "address": ref("Address")], required: ["id", "name", "address"])],
            "clinicians": ["type": "array", "items": object(["id": string, "name": string, "grade": string, "specialtyID": string],
                                                            required: ["id", "name", "grade", "specialtyID"])],
        ], required: ["specialties", "locations", "clinicians"]),
        "AuditEntry": object([
            "sequence": ["type": "integer"], "at": dateTime, "actorID": string, "actorRole": nullableString, "action": string,
            "entityType": string, "entityID": nullableString, "reason": nullableString, "detail": nullableString,
            "requestID": nullableString, "previousHash": string, "hash": string,
        ], required: ["sequence", "at", "actorID", "action", "entityType", "previousHash", "hash"]),
        "AuditPage": object(["entries": array("AuditEntry")], required: ["entries"]),
        "AuditVerification": object([
            "entriesChecked": ["type": "integer"],
            "firstBroken": ["oneOf": [object(["sequence": ["type": "integer"], "problem": ["type": "string", "enum": ["modified", "broken-link", "missing"]],
                                              "message": string], required: ["sequence", "problem", "message"]), ["type": "null"]]],
        ], required: ["entriesChecked"]),
    ] }
}
