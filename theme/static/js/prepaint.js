try{var s=localStorage.getItem("text-size");s&&document.documentElement.setAttribute("data-text-size",s)}catch(e){}document.documentElement.classList.add("js");
