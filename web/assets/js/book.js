// The booking form with JavaScript: sent as JSON with an Idempotency-Key, each problem shown next
// to its field and in a summary at the top. Without JavaScript the form posts itself (/book).
import { ApiError, describeWait, postJson } from "./api.js";

const FIELDS = ["name", "email", "phone", "preferredTimes", "timezone", "message", "consent"];
const LABELS = {
  name: "Name",
  email: "E-mail",
  phone: "Phone",
  preferredTimes: "Preferred times",
  timezone: "Time zone",
  message: "Message",
  consent: "Agreement to be contacted",
};
// The API's own rules (RequestValidator), checked here first so that most mistakes need no round trip.
const EMAIL = /^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$/;
const PHONE = /^[0-9+()\-. ]{5,30}$/;

const form = document.getElementById("booking-form");
const summary = document.getElementById("error-summary");
const submit = document.getElementById("booking-submit");
const status = document.getElementById("booking-status");
const success = document.getElementById("booking-success");

/** The key of the submission being sent, kept while the same data is sent again (a retry). */
let pending = null; // { key, body }
let sending = false;

// Our messages replace the browser's validation bubbles; the API checks everything again.
form.noValidate = true;
for (const name of FIELDS) {
  const input = form.elements[name];
  input.dataset.describedby = input.getAttribute("aria-describedby") || "";
}
prefillTimezone();
form.addEventListener("submit", onSubmit);

function prefillTimezone() {
  const input = form.elements.timezone;
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    // Left for the visitor to type.
  }
  if (!input.value && zone && zone !== "Etc/Unknown") input.value = zone;
  if (typeof Intl.supportedValuesOf === "function") {
    const list = document.createElement("datalist");
    list.id = "timezone-list";
    for (const value of Intl.supportedValuesOf("timeZone")) {
      const option = document.createElement("option");
      option.value = value;
      list.append(option);
    }
    form.append(list);
    input.setAttribute("list", list.id);
  }
}

function readForm() {
  const body = { name: value("name"), email: value("email") };
  for (const name of ["phone", "preferredTimes", "timezone", "message"]) {
    const text = value(name);
    if (text) body[name] = text;
  }
  body.consent = form.elements.consent.checked;
  body.website = form.elements.website.value; // the honeypot: empty unless a bot filled it
  return body;
}

function value(name) {
  return form.elements[name].value.trim();
}

function checkLocally(body) {
  const errors = [];
  if (!body.name) errors.push({ field: "name", message: "Enter your name." });
  if (!body.email) errors.push({ field: "email", message: "Enter your e-mail address." });
  else if (!EMAIL.test(body.email)) {
    errors.push({ field: "email", message: "Enter an e-mail address like name@example.com." });
  }
  if (body.phone && !PHONE.test(body.phone)) {
    errors.push({
      field: "phone",
      message: "Enter a phone number using digits, spaces and + ( ) - . only.",
    });
  }
  if (!body.consent) {
    errors.push({
      field: "consent",
      message: "Please agree to be contacted, so that I can reply.",
    });
  }
  return errors;
}

async function onSubmit(event) {
  event.preventDefault();
  if (sending) return;
  clearErrors();
  const body = readForm();
  const problems = checkLocally(body);
  if (problems.length) {
    showFieldErrors(problems);
    return;
  }
  const json = JSON.stringify(body);
  if (!pending || pending.body !== json) pending = { key: newKey(), body: json };

  sending = true;
  submit.disabled = true;
  form.setAttribute("aria-busy", "true");
  status.textContent = "Sending your request…";
  try {
    await postJson("/consultations", body, { headers: { "Idempotency-Key": pending.key } });
    pending = null;
    showSuccess();
  } catch (error) {
    status.textContent = "";
    handleError(error);
  } finally {
    sending = false;
    submit.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

function handleError(error) {
  if (!(error instanceof ApiError)) {
    showGeneralError("Sorry, something went wrong. Please try again.");
    return;
  }
  const wait = describeWait(error.retryAfterSeconds);
  const reference = error.problem.requestId ? ` (reference ${error.problem.requestId})` : "";
  switch (error.status) {
    case 0:
      // Maybe it arrived, maybe not: sending the same data again reuses the key, so it is safe.
      showGeneralError(
        "We couldn't reach the booking service. Please check your connection and send the form again.",
      );
      break;
    case 400:
      if (error.problem.errors.length) showFieldErrors(error.problem.errors);
      else showGeneralError("Part of the form could not be read. Please check it and send it again.");
      break;
    case 413:
      showFieldErrors([{ field: "message", message: "Your request is too long. Please shorten your message." }]);
      break;
    case 422:
      pending = null; // the key was used for other data: the next attempt gets a new one
      showGeneralError("Please send the form again.");
      break;
    case 429:
      showGeneralError(
        `You have sent several requests in a short time. Please try again ${wait ? `in ${wait}` : "later"}.`,
      );
      break;
    case 503:
      showGeneralError(
        `The booking service is briefly unavailable. Please send the form again ${wait ? `in ${wait}` : "in a moment"}; nothing will be sent twice.`,
      );
      break;
    default:
      showGeneralError(`Sorry, your request could not be sent${reference}. Please try again later.`);
  }
}

function clearErrors() {
  summary.replaceChildren();
  for (const message of form.querySelectorAll(".field-error")) message.remove();
  for (const name of FIELDS) {
    const input = form.elements[name];
    input.removeAttribute("aria-invalid");
    setDescribedBy(input, input.dataset.describedby);
    input.closest(".field")?.classList.remove("has-error");
  }
}

/** Each problem next to its field, all of them in the summary, and focus on the first field. */
function showFieldErrors(errors) {
  const byField = new Map();
  for (const { field, message } of errors) {
    const messages = byField.get(field) || [];
    messages.push(message);
    byField.set(field, messages);
  }
  const box = alertBox("There is a problem");
  const list = document.createElement("ul");
  let first = null;
  // In the order of the form, then anything the form does not show.
  const order = [...FIELDS.filter((f) => byField.has(f)), ...[...byField.keys()].filter((f) => !FIELDS.includes(f))];
  for (const field of order) {
    const text = byField.get(field).join(" ");
    const input = FIELDS.includes(field) ? form.elements[field] : null;
    const item = document.createElement("li");
    if (input) {
      markInvalid(input, field, text);
      const link = document.createElement("a");
      link.href = `#${field}`;
      link.textContent = `${LABELS[field]}: ${text}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        input.focus();
      });
      item.append(link);
      first ??= input;
    } else {
      item.textContent = text;
    }
    list.append(item);
  }
  box.append(list);
  summary.append(box);
  (first || box).focus();
}

function markInvalid(input, field, text) {
  const message = document.createElement("p");
  message.className = "field-error";
  message.id = `${field}-error`;
  message.dataset.testid = `field-error-${field}`;
  const prefix = document.createElement("span");
  prefix.className = "visually-hidden";
  prefix.textContent = "Error: ";
  message.append(prefix, text);
  const wrapper = input.closest(".field");
  wrapper.classList.add("has-error");
  wrapper.querySelector("label").after(message);
  input.setAttribute("aria-invalid", "true");
  setDescribedBy(input, `${message.id} ${input.dataset.describedby}`);
}

function showGeneralError(text) {
  const box = alertBox("Your request was not sent");
  const paragraph = document.createElement("p");
  paragraph.textContent = text;
  box.append(paragraph);
  summary.append(box);
  box.focus();
}

function alertBox(title) {
  const box = document.createElement("div");
  box.className = "alert";
  box.tabIndex = -1;
  const heading = document.createElement("h2");
  heading.className = "alert-title";
  heading.textContent = title;
  box.append(heading);
  return box;
}

function setDescribedBy(input, ids) {
  const value = ids.trim();
  if (value) input.setAttribute("aria-describedby", value);
  else input.removeAttribute("aria-describedby");
}

function showSuccess() {
  summary.replaceChildren();
  form.hidden = true;
  success.hidden = false;
  success.focus();
}

function newKey() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Outside a secure context (plain http on another host) randomUUID is missing.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
