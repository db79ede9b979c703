(function(d){try{["text-size","contrast","cursor"].forEach(function(k){var v=localStorage.getItem(k);v&&d.setAttribute("data-"+k,v)})}catch(e){}d.classList.add("js")})(document.documentElement);
