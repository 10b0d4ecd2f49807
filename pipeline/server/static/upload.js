// Drag and drop onto the two boxes fills their file inputs (the inputs also work alone, and the
// form posts without this script); the boxes' roles follow the chosen kind of job.
"use strict";
(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const drops = Array.from(form.querySelectorAll(".drop"));
  function kind() { return form.querySelector("input[name=kind]:checked").value; }
  function relabel() {
    const k = kind();
    const names = { compare: ["a", "b"], diff: ["old", "new"], check: ["file", null] }[k];
    drops.forEach(function (drop, n) {
      const input = drop.querySelector("input[type=file]");
      const role = drop.querySelector(".role");
      if (names[n] === null) { drop.classList.add("unused"); input.disabled = true; return; }
      drop.classList.remove("unused"); input.disabled = false;
      input.name = names[n];
      role.textContent = role.dataset[k] || role.textContent;
    });
  }
  function show(drop) {
    const input = drop.querySelector("input[type=file]");
    drop.querySelector(".chosen").textContent = input.files.length ? input.files[0].name : "";
  }
  drops.forEach(function (drop) {
    const input = drop.querySelector("input[type=file]");
    input.addEventListener("change", function () { show(drop); });
    drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("over");
      if (input.disabled || !event.dataTransfer.files.length) return;
      const one = new DataTransfer();
      one.items.add(event.dataTransfer.files[0]);
      input.files = one.files;
      show(drop);
    });
  });
  form.querySelectorAll("input[name=kind]").forEach(function (radio) { radio.addEventListener("change", relabel); });
  relabel();
})();
