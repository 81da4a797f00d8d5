/* tslint:disable */
/* eslint-disable */

/**
 * A Microsoft Graph recordOperation, read with `RecordOperation.parse` or `RecordOperation.from`.
 *
 * `toString()` and Node's `util.inspect` never show the recording access token; only the
 * `recordingAccessToken` getter and `toJSON()` do.
 */
export class RecordOperation {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * The same as `parse`, for a value the caller already parsed (`JSON.parse` output, a plain
     * object) or another `RecordOperation`.
     */
    static from(value: string | Uint8Array | object, options?: ParseOptions | null): RecordOperation;
    /**
     * Reads a recordOperation from JSON text. Accepts every spelling real senders use (status in
     * any case, numbers sent as strings, `subCode`, legacy beta names) and keeps unknown
     * properties. Throws a `RecordOperationError` (with `code` and `issues`) when the payload has
     * errors in the chosen mode; the warnings are on the result's `warnings`.
     */
    static parse(text: string, options?: ParseOptions | null): RecordOperation;
    /**
     * The canonical JSON text: documented spellings, every unknown property byte-for-byte in its
     * original order. The lossless form.
     */
    stringify(options?: WriteOptions | null): string;
    /**
     * The operation as a JSON object, so `JSON.stringify(operation)` works. Numbers in extra
     * properties become JS numbers (`1.0` reads as `1`); `stringify()` keeps them exactly.
     */
    toJSON(options?: WriteOptions | null): RecordOperationJson;
    /**
     * A one-line summary, e.g. `recordOperation 0fe0… (completed, 200/8515)`. Never the token.
     */
    toString(): string;
    /**
     * `clientContext`: `null` when sent as null, `undefined` when absent.
     */
    readonly clientContext: string | null | undefined;
    /**
     * `completionReason` in its documented spelling, or an undocumented value as it came.
     */
    readonly completionReason: RecordCompletionReason | null | undefined;
    /**
     * Every property the schema does not define, as own properties of a fresh object (so
     * `__proto__`, `constructor` and `prototype` are plain keys, never the prototype).
     */
    readonly extraProperties: Record<string, unknown>;
    /**
     * The operation id.
     */
    readonly id: string | undefined;
    /**
     * `completed`, and no resultInfo code outside 2xx.
     */
    readonly isSuccess: boolean;
    /**
     * `completed` or `failed`: no more updates follow.
     */
    readonly isTerminal: boolean;
    /**
     * `@odata.type` in its documented spelling, when it was sent.
     */
    readonly odataType: string | undefined;
    /**
     * `recordingAccessToken`: the bearer token for the recording. A credential: this getter and
     * `toJSON()` are the only ways to read it.
     */
    readonly recordingAccessToken: string | null | undefined;
    /**
     * `recordingLocation`: where to fetch the recording.
     */
    readonly recordingLocation: string | null | undefined;
    /**
     * `resultInfo`: `null` when sent as null, `undefined` when absent.
     */
    readonly resultInfo: ResultInfo | null | undefined;
    /**
     * `status` in its documented spelling (`"Running"` reads as `"running"`); an undocumented value
     * as it came; `null` when sent as null; `undefined` when absent.
     */
    readonly status: OperationStatus | null | undefined;
    /**
     * The warnings reading reported (errors make `parse` throw instead).
     */
    readonly warnings: ValidationIssue[];
}

/**
 * `resultInfo`: the outcome of an operation.
 */
export class ResultInfo {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * `{ code, subcode, message, category }`.
     */
    toJSON(): any;
    /**
     * The code's HTTP class: `"success"`, `"clientError"`, `"serverError"` or `"other"`.
     */
    readonly category: ResultCategory;
    /**
     * The HTTP-like result code (`undefined` when it was missing).
     */
    readonly code: number | undefined;
    /**
     * The message: `null` when sent as null, `undefined` when absent.
     */
    readonly message: string | null | undefined;
    /**
     * The sub-code (`undefined` when it was missing).
     */
    readonly subcode: number | undefined;
}

/**
 * True for the errors `RecordOperation.parse` and `RecordOperation.from` throw.
 */
export function isRecordOperationError(error: any): error is RecordOperationError;

/**
 * Reads a payload of any shape: a single operation, an OData collection (`value` and
 * `@odata.nextLink`), a `commsNotifications` envelope, or a bare array. Returns the
 * recordOperations with their JSON Pointers, the other resources as `skipped`, and every issue.
 * Never throws for a bad payload.
 */
export function parseAny(text: string | Uint8Array | object, options?: ParseOptions | null): AnyPayload;

/**
 * Validates one recordOperation, given as JSON text or an already-parsed object. Never throws for
 * a bad payload: every problem is in the result. Throws a `TypeError` only for bad options.
 *
 * `valid` is decided first. `errors` and `warnings` are accessors, built the first time either is
 * read (usually by reading the payload again in full). `JSON.stringify(result)` and
 * `result.toJSON()` have all three; a spread or `structuredClone` copies only `valid`.
 */
export function validate(input: string | Uint8Array | object, options?: ParseOptions | null): ValidationResult & { toJSON(): ValidationResult };



/**
 * The element `renderRecordOperation` renders into: `HTMLElement` where the DOM types are loaded
 * (`"lib": ["DOM"]`). Written this way so the declarations also compile without the DOM types.
 */
export type RenderContainer =
typeof globalThis extends { HTMLElement: { prototype: infer E } } ? E : never;

/** What `renderRecordOperation` found and showed. */
export interface RenderSummary {
    /** The detected shape; `null` when the text could not be read far enough to tell. */
    kind: "operation" | "collection" | "notifications" | "array" | null;
    /** How many recordOperations the payload holds (cards are built for the first 200). */
    operations: number;
    /** How many other resources were skipped. */
    skipped: number;
    /** True when no issue is an error (in strict mode every issue is an error). */
    valid: boolean;
    /** How many issues are errors. */
    errors: number;
    /** How many issues are warnings. */
    warnings: number;
}



/** A value the schema does not define, kept verbatim. Branded so a `switch` over the documented
 * members still has to handle it in `default`. */
export type UndocumentedValue = string & { readonly __undocumented: unique symbol };

/** `operationStatus`, in its documented spelling (any ASCII case is accepted on input). */
export type OperationStatus = "notStarted" | "running" | "completed" | "failed" | UndocumentedValue;

/** `recordCompletionReason` (beta), in its documented spelling. */
export type RecordCompletionReason =
| "operationCanceled"
| "stopToneDetected"
| "maxRecordDurationReached"
| "initialSilenceTimeout"
| "maxSilenceTimeout"
| "playPromptFailed"
| "playBeepFailed"
| "mediaReceiveTimeout"
| "unspecifiedError"
| UndocumentedValue;

/** The HTTP class of a resultInfo code. */
export type ResultCategory = "success" | "clientError" | "serverError" | "other";

/** How serious an issue is. */
export type Severity = "error" | "warning";

/** Every stable issue code (see the README's table). */
export type IssueCode = string;

/** Options for reading a payload. */
export interface ParseOptions {
    /** Every deviation is an error (for producers testing their own payloads). Default false. */
    strict?: boolean;
    /** Larger inputs are refused with `input_too_large`. Default 16 MiB. */
    maxInputBytes?: number;
    /** Deeper nesting is refused with `nesting_too_deep`. Default 128. */
    maxDepth?: number;
    /** After this many issues, one more (`too_many_issues`) ends the reading. Default 100,000. */
    maxIssues?: number;
}

/** Options for writing an operation. */
export interface WriteOptions {
    /** Write status as the schema's PascalCase member (`Running`), as Microsoft's SDKs expect. */
    pascalCaseStatus?: boolean;
    /** Leave out the recording access token. */
    redact?: boolean;
}

/** One problem found in a payload. */
export interface ValidationIssue {
    /** RFC 6901 JSON Pointer to the offending value ("" is the whole document). */
    path: string;
    /** The stable snake_case code, e.g. "integer_as_string". */
    code: IssueCode;
    /** "error" or "warning" (strict mode makes every issue an error). */
    severity: Severity;
    /** A sentence naming the offending value and what was expected. Never contains the token. */
    message: string;
    /** 1-based line of the offending value in the text. */
    line: number;
    /** 1-based column (in Unicode code points) of the offending value. */
    column: number;
}

/** What `validate` returns. */
export interface ValidationResult {
    /** True when there is no error. */
    valid: boolean;
    /** The errors. */
    errors: ValidationIssue[];
    /** The warnings. */
    warnings: ValidationIssue[];
}

/** The error `RecordOperation.parse` and `RecordOperation.from` throw. A real `Error`. */
export interface RecordOperationError extends Error {
    name: "RecordOperationError";
    /** The code of the first error. */
    code: IssueCode;
    /** Every issue, errors and warnings. */
    issues: ValidationIssue[];
}

/** resultInfo as JSON. */
export interface ResultInfoJson {
    "@odata.type"?: string;
    code?: number;
    subcode?: number;
    message?: string | null;
    [extra: string]: unknown;
}

/** A recordOperation as JSON: what `toJSON` returns. */
export interface RecordOperationJson {
    "@odata.type"?: string;
    id?: string;
    clientContext?: string | null;
    status?: OperationStatus | null;
    completionReason?: RecordCompletionReason | null;
    resultInfo?: ResultInfoJson | null;
    recordingLocation?: string | null;
    recordingAccessToken?: string | null;
    [extra: string]: unknown;
}

/** A recordOperation found by `parseAny`. */
export interface OperationEntry {
    /** JSON Pointer to the operation. */
    path: string;
    /** The notification's changeType, when it came in one. */
    changeType?: string;
    /** The notification's resourceUrl, when it came in one. */
    resourceUrl?: string;
    /** The operation. */
    operation: RecordOperation;
}

/** A resource that is not a recordOperation. */
export interface SkippedResource {
    /** JSON Pointer to the resource. */
    path: string;
    /** Its `@odata.type`, when it had one. */
    odataType?: string;
    /** Its id, when it had one. */
    id?: string;
}

/** What `parseAny` returns. */
export interface AnyPayload {
    /** The detected shape; null when the text could not be read far enough to tell. */
    kind: "operation" | "collection" | "notifications" | "array" | null;
    /** The recordOperations, in document order. */
    operations: OperationEntry[];
    /** Other resources, listed, not errors. */
    skipped: SkippedResource[];
    /** `@odata.nextLink` of a collection. */
    nextLink?: string;
    /** True when there is no error. */
    valid: boolean;
    /** The errors. */
    errors: ValidationIssue[];
    /**
     * The warnings. From `parseAny`, built the first time they (or an operation's `warnings`) are
     * read, by reading the text again in full: an own enumerable getter, so a spread,
     * `JSON.stringify` and `structuredClone` still copy them.
     */
    warnings: ValidationIssue[];
}

/** Options for an `OperationTracker`. */
export interface TrackerOptions extends ParseOptions {
    /** At most this many operations are kept; the oldest finished ones are evicted first. Default 10,000. */
    maxOperations?: number;
    /** At most this many timeline entries are kept per operation. */
    maxTimeline?: number;
}

/** A status as the tracker counts and filters it. */
export type StatusClass = "notStarted" | "running" | "completed" | "failed" | "unknown";

/** What one delivery did: applied (`new`, `advanced`, `updated`) or ignored. */
export type ChangeKind = "new" | "advanced" | "updated" | "duplicate" | "outOfOrder" | "afterFinal" | "conflict";

/** One operation's change in a feed. */
export interface TrackerChange {
    /** The tracker's key: the id without dashes, lowercased. */
    key: string;
    id: string | null;
    /** JSON Pointer of the operation in the fed payload. */
    path: string;
    kind: ChangeKind;
    /** The delivery's sequence number across all feeds. */
    sequence: number;
    previousStatus: OperationStatus | null;
    status: OperationStatus | null;
    changeType: string | null;
    /** True when the operation is final after this delivery. */
    final: boolean;
}

/** What `OperationTracker.feed` returns. */
export interface FeedOutcome {
    /** The feed's number (1 for the first). */
    feed: number;
    kind: "operation" | "collection" | "notifications" | "array" | null;
    /** True when the text could not be read at all (syntax, encoding, size or depth), so nothing
     * was applied. Other errors are in `errors`, and the operations that could be read were applied. */
    rejected: boolean;
    /** True when any change was applied. */
    changed: boolean;
    changes: TrackerChange[];
    /** Keys evicted to stay under `maxOperations`. */
    evicted: string[];
    skipped: { path: string; odataType: string | null; id: string | null }[];
    valid: boolean;
    errors: ValidationIssue[];
    warnings: ValidationIssue[];
}

/** How many tracked operations have each status. */
export interface StatusCounts {
    notStarted: number;
    running: number;
    completed: number;
    failed: number;
    unknown: number;
    final: number;
    total: number;
}

/** One delivery in an operation's timeline. */
export interface TimelineEntry {
    sequence: number;
    feed: number;
    status: OperationStatus | null;
    changeType: string | null;
    kind: ChangeKind;
}

/** A tracked operation, as `OperationTracker.list` returns it. */
export interface TrackedOperationJson {
    key: string;
    id: string | null;
    status: OperationStatus | null;
    changeType: string | null;
    resourceUrl: string | null;
    final: boolean;
    firstSeen: number;
    lastChanged: number;
    timelineDropped: number;
    timeline: TimelineEntry[];
    operation: RecordOperationJson;
}

/** Options for `recordResponseRequest`. */
export interface RequestOptions extends ParseOptions {
    /** The endpoint the body is for: `streamWhileRecording` is beta-only. Default "v1.0". */
    apiVersion?: "v1.0" | "beta";
}

/** What `recordResponseRequest` returns. */
export interface RecordResponseResult extends ValidationResult {
    /** The request body with every default written out, when valid. */
    body?: Record<string, unknown>;
}



/**
 * Follows recordOperations through notification envelopes, collections and single operations
 * fed in any order: keeps the latest state per operation, never moves one backwards, treats
 * `changeType: "deleted"` with a terminal status as final, ignores exact duplicates, and says
 * what each feed changed. `export()` and `OperationTracker.restore()` keep state across reloads.
 */
export class OperationTracker {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Forgets every operation.
     */
    clear(): void;
    /**
     * How many operations have each status, how many are final, and the total.
     */
    counts(): StatusCounts;
    /**
     * The whole state as JSON text, for `OperationTracker.restore`. `{ redact: true }` leaves the
     * access tokens out.
     */
    export(options?: WriteOptions | null): string;
    /**
     * Feeds one payload (JSON text or a parsed object) and returns what changed.
     */
    feed(input: string | Uint8Array | object): FeedOutcome;
    /**
     * The tracked operations, each with its timeline, optionally only those of one status
     * (`"notStarted"`, `"running"`, `"completed"`, `"failed"` or `"unknown"`). A listing is for
     * showing, so the access tokens are left out unless `{ redact: false }` asks for them.
     */
    list(status?: string | null, options?: WriteOptions | null): TrackedOperationJson[];
    /**
     * A tracker. Options: `maxOperations` (default 10,000; the oldest finished operations are
     * evicted first), `maxTimeline` (entries kept per operation), and the parse options.
     */
    constructor(options?: TrackerOptions | null);
    /**
     * A tracker restored from `export()`'s text. Throws a `RecordOperationError` when the text is
     * not a valid state.
     */
    static restore(state: string): OperationTracker;
    /**
     * How many operations are tracked.
     */
    readonly size: number;
}

/**
 * One sentence saying what a completion reason means (any ASCII case; undocumented values get a
 * sentence too).
 */
export function describeCompletionReason(reason: string): string;

/**
 * Reads a completion reason in any ASCII case and returns its documented spelling; an
 * undocumented value comes back as it was.
 */
export function parseCompletionReason(text: string): RecordCompletionReason;

/**
 * Reads a status in any ASCII case and returns its documented spelling (`"Running"` →
 * `"running"`); an undocumented value comes back as it was.
 */
export function parseOperationStatus(text: string): OperationStatus;

/**
 * Validates a recordResponse request body (JSON text or an object such as
 * `{ maxRecordDurationInSeconds: 30, stopTones: ["#"] }`) against the documented rules: at most
 * one prompt with a `mediaInfo.uri`, timeouts of 1 to 120 seconds, clientContext of at most 256
 * characters, stop tones from `0`-`9`, `*` and `#`, and `streamWhileRecording` only for beta.
 * Returns `{ valid, errors, warnings, body }`, where `body` (when valid) is the request with
 * every default written out. Never throws for a bad body.
 */
export function recordResponseRequest(input: string | Uint8Array | object, options?: RequestOptions | null): RecordResponseResult;

/**
 * Renders a recordOperation payload of any shape into `container`, replacing its children.
 *
 * `input` is JSON text, an already-parsed object, or a `RecordOperation`. The view shows the
 * status badge and lifecycle stepper, the completion reason with its description, resultInfo,
 * the recording location (a link only for an absolute `https:` URL), the access token masked with
 * reveal and copy buttons, clientContext, id, `@odata.type`, extra properties, and every
 * validation issue; for a collection or notification envelope, counts by status, one card per
 * operation and the skipped resources by type.
 *
 * Each issue is an `li.gro-issue` carrying `data-path`, `data-line`, `data-column`, `data-code`
 * and `data-severity`, with a `button.gro-issue-locate`: a host page can listen for clicks on the
 * container to take the user to the offending line.
 *
 * The access tokens stay out of the DOM until their reveal button is pressed; they wait in wasm
 * memory until the next render into the same container replaces them (one click listener is added
 * per container, the first time).
 *
 * A payload that is not valid never throws: its issues are shown. Throws a `TypeError` when
 * `container` is not an element, and whatever the options conversion throws for bad options.
 * Returns a `RenderSummary`.
 */
export function renderRecordOperation(container: RenderContainer, input: string | object | RecordOperation, options?: ParseOptions): RenderSummary;
