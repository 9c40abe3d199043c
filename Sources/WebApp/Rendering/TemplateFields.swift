import Mustache

/// The values of what every page shows (its frame, menu and paging) and of the busiest pages
/// (the audit trail, the institution list, the list of classes, and every drop-down's options),
/// named for the templates by hand. swift-mustache reflects a struct that is not a
/// `MustacheParent` for every name it looks up in it, and `TemplateValues` still reflects it
/// once, which cost a tenth of a page's time for the frame and paging alone and a tenth of the
/// audit trail's for its page and options; listed names cost a `switch`. A type here must name every property it has:
/// `TemplateValuesTests` compares each with what reflection finds, and the page tests read the
/// frame and paging of real pages.
extension AuditPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "user": user
        case "key": key
        case "from": from
        case "to": to
        case "actions": actions
        case "entities": entities
        case "problemZh": problemZh
        case "problemEn": problemEn
        case "rowsHTML": rowsHTML
        case "paging": paging
        case "exportHref": exportHref
        default: nil
        }
    }
}

extension ChoiceOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "selected": selected
        default: nil
        }
    }
}

extension CohortListPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rowsHTML": rowsHTML
        case "mayOpen": mayOpen
        case "statuses": statuses
        case "projects": projects
        case "occupations": occupations
        case "paging": paging
        default: nil
        }
    }
}

extension InstitutionListPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rowsHTML": rowsHTML
        case "kinds": kinds
        case "districts": districts
        case "search": search
        case "mayAdd": mayAdd
        case "exportHref": exportHref
        case "paging": paging
        default: nil
        }
    }
}

extension KindOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "zh": zh
        case "selected": selected
        default: nil
        }
    }
}

extension FormOption: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "text": text
        case "selected": selected
        default: nil
        }
    }
}

extension MenuItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "zh": zh
        case "en": en
        case "current": current
        default: nil
        }
    }
}

extension MenuGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "label": label
        case "items": items
        default: nil
        }
    }
}

extension MenuGroup.Label: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "zh": zh
        case "en": en
        default: nil
        }
    }
}

extension PagingView.PageLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension PageData: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "frame": frame
        case "csrf": csrf
        case "page": page
        default: nil
        }
    }
}

extension PageFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "userName": userName
        case "login": login
        case "roleZh": roleZh
        case "roleEn": roleEn
        case "institutionName": institutionName
        case "menu": menu
        case "menuHTML": menuHTML
        case "showMenu": showMenu
        default: nil
        }
    }
}

extension PagingView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "total": total
        case "first": first
        case "last": last
        case "number": number
        case "pageCount": pageCount
        case "previous": previous
        case "next": next
        case "pages": pages
        case "several": several
        default: nil
        }
    }
}
