total value index order render total
config user gamma render gamma delta index beta user render
order config render render order total order order delta total render delta
delta user total delta total alpha total
alpha render render value
order alpha beta delta
render beta beta total gamma user delta total config index index config
config config index gamma beta beta index
index value render value gamma config gamma
render user gamma value total config order beta index
beta user beta value order order index total index
alpha beta render delta total order beta render
config render gamma delta config total config config beta config index
index user render index config delta value user
beta config config alpha config total value
delta order config value user gamma order order gamma gamma
index render alpha delta user
user gamma order render
total value beta order
render user beta config beta render beta config beta alpha total total
beta total value delta delta index
config index value config config config total gamma index index user beta
value total config alpha
beta index user total alpha user config alpha beta value
gamma delta gamma total value total gamma config delta value
user render render alpha index render beta render total gamma
alpha index alpha order index alpha
beta delta gamma config delta order delta order index
delta index gamma render value gamma render total user user index render
value config total user beta index delta value alpha delta gamma
user user render alpha total delta alpha index config index
value order gamma value gamma config gamma
user gamma total order render user user alpha
order gamma alpha delta gamma gamma
config render order user beta
index beta order user user render alpha delta value delta total
index delta alpha user value
index gamma render config render value beta user render index total beta
beta total gamma beta total value total index beta
alpha value index delta render order beta index alpha delta order
render total value user render config
user total beta render delta delta value beta config render
order index total config index value beta beta
order beta gamma total total gamma
delta value alpha index order beta
delta alpha gamma beta value
beta config value user gamma total delta gamma value index
value order alpha value order config delta total order
alpha render config delta config render total index beta user value delta
config render beta order gamma render user render user delta config order
user gamma order delta user delta order alpha total total delta beta
delta index order value config config
config render index beta index
delta order user user user beta
render gamma config order gamma beta alpha render total config delta order
gamma gamma order user beta index alpha value gamma
render total value order order total
gamma delta value index
gamma user value beta
gamma config user gamma render delta order config alpha total
total gamma value index
index config value order order
render index index value value beta order beta user config
user value value alpha config alpha render order value value order config
order beta delta beta index delta user value
index beta user delta
render total value delta beta total config user value order gamma delta
order beta beta beta user gamma beta user order index
render delta render alpha
gamma beta index index user value gamma config order
alpha render alpha index config render config
gamma index delta delta render alpha delta config config index alpha
total user delta user total delta
alpha total beta render config render value
config index value beta gamma delta
beta delta render gamma delta user total render
config total user beta order user delta render
total delta render gamma total total
index beta index user beta
alpha alpha order order render user render value order beta gamma render
delta gamma render user alpha gamma gamma
order index order value
index alpha gamma beta
total config config total index alpha user render user total total user
gamma order gamma beta order value delta total index user render delta
index user delta order order index render alpha
order alpha order index gamma config gamma
order index value user
render alpha beta beta gamma order total user order delta order
alpha render value alpha config order
render order index beta total user gamma value render delta gamma index
alpha config value index config delta alpha gamma index order gamma
index user alpha alpha delta value
gamma beta value user render index value beta alpha total order delta
render beta user delta value index beta delta
render config order delta alpha gamma value order total
config order order gamma
value delta value value alpha delta value config delta gamma user
index delta value delta order index
index index index total total gamma index delta
value value beta alpha render config render order alpha user gamma render
value order total delta render beta config alpha gamma config gamma delta
alpha config value index beta
config render user total alpha render value order delta index
delta gamma user order
alpha delta render value value index
gamma user user render config index total value gamma delta render user
value gamma value user config delta beta render config config order
gamma alpha alpha total index order alpha
total total beta delta user config total beta
delta total render beta value beta value index alpha
value config render index render delta gamma value delta index gamma
total delta user beta config value gamma index order
user render alpha value beta config beta value
alpha value index order render index config render
alpha alpha config config config
render total gamma total index value order config
alpha order delta beta total alpha order user value
beta render beta index index value value alpha gamma total
render render index config index alpha gamma order delta render delta render
delta user alpha user value alpha delta
index total user beta order user config render config beta alpha config
value total gamma delta gamma gamma config
order render config value render config total user index delta total
config config gamma user gamma beta beta
render beta index user total
alpha gamma order value index alpha config render value user value
total render config total config gamma config delta
order value total gamma order render
gamma delta value order total render
total gamma alpha index order gamma render
value render total total value value total gamma
gamma beta alpha delta
config user beta value config alpha user index
config beta render index total render
value order value gamma order value total
user render gamma index gamma beta user
index value beta gamma config alpha render order
render total value render config delta
index delta config user render
alpha gamma beta alpha render total beta alpha gamma config index gamma
value index alpha value config user value
alpha delta user order total order render render delta render delta index
gamma alpha gamma user
total beta render config alpha
render beta user index alpha delta beta config alpha user render delta
value render user total beta index value value render order alpha
order gamma delta config
config user total render config total total index config render
beta total config order beta render config delta
delta alpha gamma user render total
gamma config beta gamma gamma config config
value alpha alpha value user alpha
beta config user delta alpha gamma config beta order beta
value index delta index value gamma render beta total
config gamma config user alpha gamma total total value total
delta order order config
total value user order beta beta index value total index value
user delta value order user order alpha user alpha user
index render order alpha order alpha config gamma user index config
order config delta index user value alpha gamma
beta delta gamma total gamma beta beta user render render beta
alpha config render user config index
user alpha value delta index render total
beta beta user index index delta beta
alpha user beta gamma config gamma beta config alpha config delta
beta value gamma order value alpha total order
index beta beta total delta user total config delta user total
value alpha config config total render total order delta delta
gamma gamma order index alpha gamma
beta render config order order config render delta
beta delta config render
delta gamma beta total render value config order value render
gamma user beta beta config user value delta index order beta
beta render beta total total index delta index
delta value order delta index total beta config value config
order index total render render total alpha total
alpha value config gamma order render value
render config beta order beta user total beta index delta
config alpha config alpha order
alpha total total gamma index beta config gamma index
config index total total order alpha delta alpha value value delta total
beta alpha beta index total value total delta user order delta index
gamma user value beta beta alpha gamma total order
total index beta value index gamma alpha config
alpha be