// Cpoms.TwoFactor browser script for security keys (WebAuthn Level 3).
// Served as a static web asset: <script src="/_content/Cpoms.TwoFactor.AspNetCore/cpoms-webauthn.js" defer></script>
//
// Progressive enhancement: a <form data-cpoms-webauthn="register|authenticate"> with
//   data-options-url   endpoint that returns { challengeId, publicKey } (L3 options JSON)
//   data-complete-url  endpoint that takes { challengeId, name?, credential } and returns { redirect? }
//   data-success-url   (optional) where to go after success when the response names no redirect
//   an element [data-cpoms-webauthn-status] for messages (aria-live), a submit button, and for registration
//   a field named "name". The endpoints are the ones MapCpomsTwoFactor() maps under webauthn/.
// The antiforgery token is read from the form's __RequestVerificationToken field and sent in the
// RequestVerificationToken header. Without WebAuthn the button is disabled and the status says why.
(function () {
    "use strict";

    var messages = {
        unsupported: "This browser cannot use security keys. Please use an up-to-date version of Google Chrome, Microsoft Edge, Mozilla Firefox or Opera.",
        cancelled: "The security key request was cancelled or timed out. Please try again.",
        timeout: "The security key did not respond in time. Please try again.",
        duplicate: "This security key is already registered to your account.",
        security: "This page's address does not match the site's security key settings. Please contact your administrator.",
        failed: "The security key could not be used. Please try again.",
        network: "The server could not be reached. Please check your connection and try again.",
        waiting: "Insert your security key and touch it when it flashes.",
        verifying: "Checking your security key…"
    };

    function base64UrlToBuffer(value) {
        var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
        while (base64.length % 4) { base64 += "="; }
        var binary = atob(base64);
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
        return bytes.buffer;
    }

    function bufferToBase64Url(buffer) {
        var bytes = new Uint8Array(buffer);
        var binary = "";
        for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
        return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    function decodeDescriptors(list) {
        return (list || []).map(function (d) {
            var copy = Object.assign({}, d);
            copy.id = base64UrlToBuffer(d.id);
            return copy;
        });
    }

    // Fallbacks for browsers without PublicKeyCredential.parse*OptionsFromJSON (WebAuthn L3 §5.1.9/§5.1.10).
    function parseCreationOptions(json) {
        if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function") {
            return PublicKeyCredential.parseCreationOptionsFromJSON(json);
        }
        var options = Object.assign({}, json);
        options.challenge = base64UrlToBuffer(json.challenge);
        options.user = Object.assign({}, json.user, { id: base64UrlToBuffer(json.user.id) });
        options.excludeCredentials = decodeDescriptors(json.excludeCredentials);
        return options;
    }

    function parseRequestOptions(json) {
        if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function") {
            return PublicKeyCredential.parseRequestOptionsFromJSON(json);
        }
        var options = Object.assign({}, json);
        options.challenge = base64UrlToBuffer(json.challenge);
        options.allowCredentials = decodeDescriptors(json.allowCredentials);
        return options;
    }

    // Fallback for browsers without PublicKeyCredential.prototype.toJSON (WebAuthn L3 §5.1.8).
    function credentialToJson(credential) {
        if (typeof credential.toJSON === "function") {
            return credential.toJSON();
        }
        var response = credential.response;
        var json = {
            id: credential.id,
            rawId: bufferToBase64Url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment || null,
            clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
            response: { clientDataJSON: bufferToBase64Url(response.clientDataJSON) }
        };
        if (response.attestationObject) {
            json.response.attestationObject = bufferToBase64Url(response.attestationObject);
            json.response.transports = response.getTransports ? response.getTransports() : [];
        } else {
            json.response.authenticatorData = bufferToBase64Url(response.authenticatorData);
            json.response.signature = bufferToBase64Url(response.signature);
            if (response.userHandle && response.userHandle.byteLength > 0) {
                json.response.userHandle = bufferToBase64Url(response.userHandle);
            }
        }
        return json;
    }

    // Browsers report a prompt that ran out of time and one the user closed with the same NotAllowedError
    // (WebAuthn L3 §5.1.3 step 24, §5.1.4.1 step 20); the time taken tells them apart.
    function messageForError(error, ceremony, timedOut) {
        switch (error && error.name) {
            case "NotAllowedError": return timedOut ? messages.timeout : messages.cancelled;
            case "AbortError": return messages.cancelled;
            case "TimeoutError": return messages.timeout;
            case "InvalidStateError": return ceremony === "register" ? messages.duplicate : messages.failed;
            case "SecurityError": return messages.security;
            case "NotSupportedError": return messages.unsupported;
            default: return messages.failed;
        }
    }

    function postJson(url, token, body) {
        return fetch(url, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "Accept": "application/json", "RequestVerificationToken": token || "" },
            body: JSON.stringify(body || {})
        }).then(function (response) {
            return response.text().then(function (text) {
                var data = null;
                try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
                if (!response.ok) {
                    var problem = new Error((data && (data.detail || data.title)) || messages.failed);
                    problem.name = "ServerProblem";
                    problem.code = data && data.code;
                    throw problem;
                }
                return data;
            });
        }, function () {
            var failure = new Error(messages.network);
            failure.name = "ServerProblem";
            throw failure;
        });
    }

    function setStatus(form, text, isError) {
        var status = form.querySelector("[data-cpoms-webauthn-status]");
        if (!status) { return; }
        status.textContent = text;
        status.classList.toggle("error", !!isError);
        status.setAttribute("role", isError ? "alert" : "status");
    }

    function run(form) {
        var ceremony = form.getAttribute("data-cpoms-webauthn");
        var tokenField = form.querySelector("input[name='__RequestVerificationToken']");
        var token = tokenField ? tokenField.value : "";
        var nameField = form.querySelector("[name='name']");
        var button = form.querySelector("[type='submit']");
        if (button) { button.disabled = true; }
        setStatus(form, messages.waiting, false);

        var challengeId;
        var started = 0;
        var timeout = 0;
        return postJson(form.getAttribute("data-options-url"), token, {})
            .then(function (data) {
                challengeId = data.challengeId;
                timeout = (data.publicKey && data.publicKey.timeout) || 0;
                started = Date.now();
                return ceremony === "register"
                    ? navigator.credentials.create({ publicKey: parseCreationOptions(data.publicKey) })
                    : navigator.credentials.get({ publicKey: parseRequestOptions(data.publicKey) });
            })
            .then(function (credential) {
                setStatus(form, messages.verifying, false);
                var body = { challengeId: challengeId, credential: credentialToJson(credential) };
                if (nameField) { body.name = nameField.value; }
                return postJson(form.getAttribute("data-complete-url"), token, body);
            })
            .then(function (result) {
                var target = (result && result.redirect) || form.getAttribute("data-success-url");
                if (target) { window.location.assign(target); }
                else { setStatus(form, (result && result.message) || "", false); }
            })
            .catch(function (error) {
                var timedOut = timeout > 0 && started > 0 && Date.now() - started >= timeout;
                setStatus(form, error && error.name === "ServerProblem" ? error.message : messageForError(error, ceremony, timedOut), true);
            })
            .then(function () { if (button) { button.disabled = false; } });
    }

    function init() {
        var forms = document.querySelectorAll("form[data-cpoms-webauthn]");
        for (var i = 0; i < forms.length; i++) {
            (function (form) {
                if (!window.PublicKeyCredential || !navigator.credentials) {
                    setStatus(form, messages.unsupported, true);
                    var button = form.querySelector("[type='submit']");
                    if (button) { button.disabled = true; }
                    return;
                }
                form.addEventListener("submit", function (event) {
                    event.preventDefault();
                    if (form.reportValidity && !form.reportValidity()) { return; }
                    run(form);
                });
            })(forms[i]);
        }
    }

    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
